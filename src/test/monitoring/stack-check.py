#!/usr/bin/env python3
"""Offline checks of the local stack and the image recipe (no Docker engine needed).

  stack-check.py REPO_ROOT

grafana/docker-compose.yaml: services benchy (built from the repo's Dockerfile), prometheus and grafana;
every bind-mounted path exists; Prometheus gets the folder holding prometheus.yml and the rules; Grafana gets
the provisioning folder and the dashboards folder where the dashboard provider looks; the data source points
at the prometheus service; ports are published on loopback only.
prometheus/prometheus.yml: scrapes the compose service benchy on /q/metrics every 5 s and loads rules/.
Dockerfile and .dockerignore: the multi-stage recipe the deployment docs promise.
Exit status 1 on any failure, each printed on a line starting with FAIL.
"""
import glob
import os
import re
import sys

import yaml

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL " + msg)
    return cond


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def bind_mounts(service, base):
    """(host path, container path) of the service's bind mounts (named volumes skipped)."""
    for v in service.get("volumes", []):
        src, _, rest = v.partition(":")
        dst = rest.split(":")[0]
        if src.startswith((".", "/")):
            yield os.path.normpath(os.path.join(base, src)), dst


def check_compose(root):
    base = os.path.join(root, "grafana")
    compose = load(os.path.join(base, "docker-compose.yaml"))
    services = compose.get("services", {})
    for name in ("benchy", "prometheus", "grafana"):
        check(name in services, f"docker-compose.yaml has no service {name}")
    b = services.get("benchy", {})
    build = b.get("build", {})
    ctx = os.path.normpath(os.path.join(base, build.get("context", ".")))
    check(os.path.isfile(os.path.join(ctx, build.get("dockerfile", "Dockerfile"))) and ctx == os.path.normpath(root),
          "benchy must be built from the repo's Dockerfile (context ..)")
    for name, s in services.items():
        for host, _ in bind_mounts(s, base):
            check(os.path.exists(host), f"service {name} mounts {host}, which does not exist")
        for p in s.get("ports", []):
            check(str(p).startswith("127.0.0.1:"), f"service {name} publishes {p} beyond loopback")

    prom_mounts = dict((dst, host) for host, dst in bind_mounts(services.get("prometheus", {}), base))
    cmd = " ".join(services.get("prometheus", {}).get("command", []))
    m = re.search(r"--config\.file=(\S+)", cmd)
    cfg_in_container = m.group(1) if m else "/etc/prometheus/prometheus.yml"
    host_cfg = None
    for dst, host in prom_mounts.items():
        if cfg_in_container.startswith(dst.rstrip("/") + "/"):
            host_cfg = os.path.join(host, cfg_in_container[len(dst.rstrip("/")) + 1:])
    if check(host_cfg and os.path.isfile(host_cfg), f"prometheus config {cfg_in_container} is not mounted from the repo"):
        cfg = load(host_cfg)
        rule_globs = [os.path.join(os.path.dirname(host_cfg), g) for g in cfg.get("rule_files", [])]
        rule_files = [f for g in rule_globs for f in glob.glob(g)]
        check(os.path.join(root, "prometheus", "rules", "benchy.rules.yaml") in [os.path.normpath(f) for f in rule_files],
              "prometheus.yml does not load prometheus/rules/benchy.rules.yaml")
        jobs = [j for j in cfg.get("scrape_configs", []) if j.get("job_name") == "benchy"]
        if check(jobs, "prometheus.yml has no job benchy"):
            j = jobs[0]
            targets = [t for sc in j.get("static_configs", []) for t in sc.get("targets", [])]
            check(j.get("metrics_path") == "/q/metrics", "job benchy must scrape /q/metrics")
            check(j.get("scrape_interval") == "5s", "job benchy must scrape every 5s")
            check(targets == ["benchy:8080"], f"job benchy must scrape benchy:8080, scrapes {targets}")

    g_mounts = dict((dst, host) for host, dst in bind_mounts(services.get("grafana", {}), base))
    prov = g_mounts.get("/etc/grafana/provisioning")
    if check(prov == os.path.join(base, "provisioning"), "grafana must mount ./provisioning at /etc/grafana/provisioning"):
        ds = load(os.path.join(prov, "datasources", "prometheus.yaml"))
        urls = [d.get("url") for d in ds.get("datasources", []) if d.get("type") == "prometheus"]
        check(urls == ["http://prometheus:9090"], f"the data source must point at http://prometheus:9090, is {urls}")
        providers = load(os.path.join(prov, "dashboards", "benchy.yaml")).get("providers", [])
        path = providers[0].get("options", {}).get("path") if providers else None
        check(providers and providers[0].get("type") == "file", "the dashboard provider must be of type file")
        check(g_mounts.get(path) == os.path.join(base, "dashboards"),
              f"the dashboard provider reads {path}, which is not where ./dashboards is mounted")
        home = services["grafana"].get("environment", {}).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")
        if home:
            check(os.path.dirname(home) == path and os.path.isfile(os.path.join(base, "dashboards", os.path.basename(home))),
                  f"home dashboard {home} is not a mounted dashboard")


def check_dockerfile(root):
    text = open(os.path.join(root, "Dockerfile"), encoding="utf-8").read()
    lines = [l.strip() for l in re.sub(r"\\\n", " ", text).splitlines() if l.strip() and not l.strip().startswith("#")]
    froms = [l for l in lines if l.upper().startswith("FROM ")]
    check(len(froms) >= 2, "Dockerfile must be multi-stage")
    if len(froms) >= 2:
        check(re.search(r"maven.*17|17.*maven", froms[0]) and " AS " in froms[0].upper(), f"build stage must be Maven on JDK 17: {froms[0]}")
        check(re.search(r"17.*jre|jre.*17", froms[-1]), f"run stage must be a JRE 17: {froms[-1]}")
    final = lines[lines.index(froms[-1]):] if froms else []
    check(any(re.search(r"mvn .*-B.*-DskipTests.* package|mvn .*-DskipTests.*-B.* package", l) for l in lines),
          "the build must run mvn -B -DskipTests package")
    check("USER 1001" in final, "the image must run as USER 1001")
    check("EXPOSE 8080" in final, "the image must EXPOSE 8080")
    check(any(l.startswith("VOLUME") and "/data/reports" in l for l in final), "the image must declare a volume /data/reports")
    check(any("BENCHY_REPORTS_DIR=/data/reports" in l for l in final), "BENCHY_REPORTS_DIR=/data/reports must be set")
    check("DJL_OFFLINE" not in text, "DJL_OFFLINE must not be set in the image (real deployments download tokenizers)")
    for part in ("lib/", "app/", "quarkus/", "quarkus-run.jar"):
        check(any(l.startswith("COPY --from=") and f"quarkus-app/{part}" in l for l in final),
              f"the run stage must copy target/quarkus-app/{part}")
    ignore = [l.strip() for l in open(os.path.join(root, ".dockerignore"), encoding="utf-8") if l.strip() and not l.startswith("#")]
    for needed in ("target/", ".git"):
        check(needed in ignore, f".dockerignore must exclude {needed}")
    for kept in ("src", "src/", "pom.xml", "*"):
        check(kept not in ignore, f".dockerignore must not exclude {kept} (the build needs it)")


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    check_compose(root)
    check_dockerfile(root)
    if failures:
        print(f"stack: {len(failures)} problem(s)")
        sys.exit(1)
    print("stack: ok")


if __name__ == "__main__":
    main()
