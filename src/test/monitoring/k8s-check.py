#!/usr/bin/env python3
"""Checks the rendered kustomize base (`kubectl kustomize k8s`), offline.

  kubectl kustomize k8s | k8s-check.py --rules prometheus/rules/benchy.rules.yaml \
      --secret-example k8s/secret.example.yaml --extract-rules OUT.yaml

Parses every rendered document with PyYAML and checks: the expected objects are there (and no Secret);
the Deployment's probes are /q/health/live and /q/health/ready on port 8080, it runs as non-root with a
read-only root filesystem and writable /tmp, has resource requests/limits, reads its config from the
ConfigMap through QUARKUS_CONFIG_LOCATIONS, keeps reports on the PVC; the Service and ServiceMonitor
select the pods on port http, path /q/metrics, every 30s; no ConfigMap value looks like a secret and every
secret-like environment variable comes from a secretKeyRef; the example Secret only holds placeholders and
matches the secretKeyRefs; the PrometheusRule holds exactly the groups of the rule file. With
--extract-rules it writes the PrometheusRule's groups as a rule file, for `promtool check rules`.
Exit status 1 on any failure, each printed on a line starting with FAIL.
"""
import argparse
import re
import sys

import yaml

failures = []
SECRET_KEY = re.compile(r"(api[-_]?key|token|password|passwd|secret|credential|bearer)", re.I)
SECRET_VALUE = re.compile(r"(\bsk-[A-Za-z0-9_-]{8,}|\bhf_[A-Za-z0-9]{8,}|\bBearer\s+\S{8,}|\beyJ[A-Za-z0-9_-]{10,})")


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL " + msg)
    return cond


def by_kind(docs, kind):
    return [d for d in docs if d.get("kind") == kind]


def one(docs, kind):
    found = by_kind(docs, kind)
    check(len(found) == 1, f"expected exactly one {kind}, found {len(found)}")
    return found[0] if found else {}


def walk(value, path=""):
    """(path, leaf) of every scalar in a YAML tree."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk(v, f"{path}[{i}]")
    else:
        yield path, value


def resolve_port(container, port):
    if isinstance(port, int):
        return port
    for p in container.get("ports", []):
        if p.get("name") == port:
            return p.get("containerPort")
    return None


def check_deployment(dep, docs):
    spec = dep.get("spec", {})
    pod = spec.get("template", {}).get("spec", {})
    containers = pod.get("containers", [])
    if not check(len(containers) == 1, f"Deployment must have one container, has {len(containers)}"):
        return None
    c = containers[0]
    check(any(p.get("containerPort") == 8080 and p.get("name") == "http" for p in c.get("ports", [])),
          "container must expose port 8080 named http")
    for probe, path in (("livenessProbe", "/q/health/live"), ("readinessProbe", "/q/health/ready")):
        get = c.get(probe, {}).get("httpGet", {})
        check(get.get("path") == path, f"{probe} path must be {path}, is {get.get('path')}")
        check(resolve_port(c, get.get("port")) == 8080, f"{probe} must probe port 8080, probes {get.get('port')}")
    psc, csc = pod.get("securityContext", {}), c.get("securityContext", {})
    check(csc.get("runAsNonRoot", psc.get("runAsNonRoot")) is True, "runAsNonRoot must be true")
    check(csc.get("runAsUser", psc.get("runAsUser")) not in (0, None), "runAsUser must be set and non-zero")
    check(csc.get("readOnlyRootFilesystem") is True, "readOnlyRootFilesystem must be true")
    check(csc.get("allowPrivilegeEscalation") is False, "allowPrivilegeEscalation must be false")
    res = c.get("resources", {})
    for kind in ("requests", "limits"):
        for r in ("cpu", "memory"):
            check(r in res.get(kind, {}), f"resources.{kind}.{r} must be set")

    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    mounts = {m["mountPath"]: m for m in c.get("volumeMounts", [])}
    env = {e["name"]: e for e in c.get("env", [])}

    tmp = mounts.get("/tmp")
    check(tmp is not None and "emptyDir" in volumes.get(tmp["name"], {}), "/tmp must be an emptyDir mount")
    home_ok = env.get("HOME", {}).get("value", "").startswith("/tmp")
    cache_ok = env.get("DJL_CACHE_DIR", {}).get("value", "").startswith("/tmp")
    check(home_ok or cache_ok, "HOME or DJL_CACHE_DIR must point into /tmp (read-only root filesystem)")

    locations = env.get("QUARKUS_CONFIG_LOCATIONS", {}).get("value", "")
    check(bool(locations), "QUARKUS_CONFIG_LOCATIONS must be set")
    config_maps = {d["metadata"]["name"]: d for d in by_kind(docs, "ConfigMap")}
    config_ok = False
    for path, m in mounts.items():
        cm_name = volumes.get(m["name"], {}).get("configMap", {}).get("name")
        if cm_name and locations.startswith(path.rstrip("/") + "/"):
            key = locations[len(path.rstrip("/")) + 1:]
            check(cm_name in config_maps, f"ConfigMap {cm_name} is mounted but not rendered")
            check(key in config_maps.get(cm_name, {}).get("data", {}),
                  f"ConfigMap {cm_name} has no key {key} (QUARKUS_CONFIG_LOCATIONS={locations})")
            config_ok = True
    check(config_ok, f"QUARKUS_CONFIG_LOCATIONS={locations} is not in a mounted ConfigMap")

    reports_dir = env.get("BENCHY_REPORTS_DIR", {}).get("value")
    check(reports_dir is not None, "BENCHY_REPORTS_DIR must be set")
    m = mounts.get(reports_dir or "")
    claim = volumes.get(m["name"], {}).get("persistentVolumeClaim", {}).get("claimName") if m else None
    pvcs = [d["metadata"]["name"] for d in by_kind(docs, "PersistentVolumeClaim")]
    check(claim is not None and claim in pvcs, f"{reports_dir} must be mounted from a rendered PVC ({pvcs})")

    for name, e in env.items():
        if SECRET_KEY.search(name):
            ref = e.get("valueFrom", {}).get("secretKeyRef")
            check(ref is not None and "value" not in e, f"env {name} must come from a secretKeyRef, not a value")
    check("secretKeyRef" in env.get("BENCHY_TARGETS_VLLM_API_KEY", {}).get("valueFrom", {}),
          "BENCHY_TARGETS_VLLM_API_KEY must come from a secretKeyRef")
    return c


def check_config_maps(docs):
    for cm in by_kind(docs, "ConfigMap"):
        name = cm["metadata"]["name"]
        for key, text in (cm.get("data") or {}).items():
            check(not SECRET_VALUE.search(text), f"ConfigMap {name}/{key} holds something that looks like a key")
            try:
                tree = yaml.safe_load(text) if key.endswith((".yaml", ".yml")) else None
            except yaml.YAMLError as e:
                check(False, f"ConfigMap {name}/{key} is not valid YAML: {e}")
                continue
            if tree is None and not key.endswith((".yaml", ".yml")):
                for line in text.splitlines():  # properties: key=value
                    k, _, v = line.partition("=")
                    check(not (SECRET_KEY.search(k) and v.strip()), f"ConfigMap {name}/{key}: secret-like {k.strip()}")
                continue
            for path, value in walk(tree):
                leaf = path.rsplit(".", 1)[-1]
                if SECRET_KEY.search(leaf) and value not in (None, ""):
                    check(False, f"ConfigMap {name}/{key}: {path} holds a value; API keys and tokens belong in a Secret")


def check_service_and_monitor(docs, dep):
    pod_labels = dep.get("spec", {}).get("template", {}).get("metadata", {}).get("labels", {})
    svc = one(docs, "Service")
    sel = svc.get("spec", {}).get("selector", {})
    check(sel and all(pod_labels.get(k) == v for k, v in sel.items()), "Service selector must match the pod labels")
    ports = svc.get("spec", {}).get("ports", [])
    check(any(p.get("name") == "http" and p.get("port") == 8080 for p in ports), "Service must have port 8080 named http")
    sm = one(docs, "ServiceMonitor")
    check(sm.get("apiVersion") == "monitoring.coreos.com/v1", "ServiceMonitor must be monitoring.coreos.com/v1")
    msel = sm.get("spec", {}).get("selector", {}).get("matchLabels", {})
    svc_labels = svc.get("metadata", {}).get("labels", {})
    check(msel and all(svc_labels.get(k) == v for k, v in msel.items()), "ServiceMonitor must select the Service")
    eps = sm.get("spec", {}).get("endpoints", [])
    check(any(e.get("port") == "http" and e.get("path") == "/q/metrics" and e.get("interval") == "30s" for e in eps),
          "ServiceMonitor must scrape port http, path /q/metrics, interval 30s")


def check_rules(docs, rules_path, extract_to):
    pr = one(docs, "PrometheusRule")
    check(pr.get("apiVersion") == "monitoring.coreos.com/v1", "PrometheusRule must be monitoring.coreos.com/v1")
    groups = pr.get("spec", {}).get("groups")
    with open(rules_path, encoding="utf-8") as f:
        source = yaml.safe_load(f)
    check(groups == source.get("groups"),
          f"PrometheusRule groups differ from {rules_path}: run src/test/monitoring/gen-prometheusrule.sh")
    names = {r.get("alert") for g in groups or [] for r in g.get("rules", [])}
    for alert in ("BenchyTargetFailing", "BenchyNoRecentSuccess", "BenchyGenerationSlowdown", "BenchyPromptSlowdown"):
        check(alert in names, f"PrometheusRule has no alert {alert}")
    for g in groups or []:
        for r in g.get("rules", []):
            if "alert" in r:
                ann = r.get("annotations", {})
                check(all(k in ann for k in ("summary", "description", "runbook")),
                      f"alert {r['alert']} needs summary, description and runbook annotations")
    if extract_to:
        with open(extract_to, "w", encoding="utf-8") as f:
            yaml.safe_dump({"groups": groups}, f, sort_keys=False, allow_unicode=True)


def check_secret_example(path, dep_container):
    with open(path, encoding="utf-8") as f:
        secret = yaml.safe_load(f)
    check(secret.get("kind") == "Secret", f"{path} must be a Secret")
    data = dict(secret.get("stringData") or {})
    for k, v in data.items():
        check(str(v) in ("change-me",) or str(v).startswith("change-me"), f"{path}: {k} must be a placeholder like change-me")
    check(not secret.get("data"), f"{path} must use stringData placeholders, not base64 data")
    for e in (dep_container or {}).get("env", []):
        ref = e.get("valueFrom", {}).get("secretKeyRef")
        if ref:
            check(ref.get("name") == secret.get("metadata", {}).get("name") and ref.get("key") in data,
                  f"env {e['name']} refers to {ref.get('name')}/{ref.get('key')}, which {path} does not define")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rules", required=True)
    ap.add_argument("--secret-example", required=True)
    ap.add_argument("--extract-rules")
    ap.add_argument("rendered", nargs="?", default="-")
    args = ap.parse_args()
    text = sys.stdin.read() if args.rendered == "-" else open(args.rendered, encoding="utf-8").read()
    docs = [d for d in yaml.safe_load_all(text) if d]
    check(docs, "kustomize rendered nothing")
    kinds = sorted(d.get("kind", "?") for d in docs)
    print("rendered: " + ", ".join(kinds))
    for kind in ("ConfigMap", "Deployment", "PersistentVolumeClaim", "PrometheusRule", "Service", "ServiceMonitor"):
        check(kind in kinds, f"the kustomization renders no {kind}")
    check("Secret" not in kinds, "the kustomization must not render a Secret (secret.example.yaml is an example)")
    dep = one(docs, "Deployment")
    container = check_deployment(dep, docs)
    check_config_maps(docs)
    check_service_and_monitor(docs, dep)
    check_rules(docs, args.rules, args.extract_rules)
    check_secret_example(args.secret_example, container)
    if failures:
        print(f"k8s: {len(failures)} problem(s)")
        sys.exit(1)
    print("k8s: ok")


if __name__ == "__main__":
    main()
