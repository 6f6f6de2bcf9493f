#!/usr/bin/env python3
"""Checks of the Grafana dashboard and the Prometheus rules, used by check.sh and scrape-check.sh.

  promcheck.py lint-dashboard DASHBOARD.json
      Offline: structure, datasource variable, template variables, units, layout, and every PromQL
      expression (variables substituted) parsed by `promtool check rules`.
  promcheck.py query-dashboard DASHBOARD.json PROMETHEUS_URL [--rate-interval 10s] [--range 1m]
      Against a running Prometheus that scrapes benchy: evaluates the template variable queries to find
      the real label values, then sends every panel expression, with the variables substituted the way
      Grafana does, to /api/v1/query and fails for each one that returns no data.
  promcheck.py rules-evaluate RULES.yaml PROMETHEUS_URL
      Every rule of the file is loaded and healthy in that Prometheus, and every recording rule has data.

Only the standard library (and PyYAML for the rule file) is used. Exit status 1 on any failure, each
failure printed on its own line starting with FAIL.
"""
import json
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

BUILTIN_VARS = {"__rate_interval", "__interval", "__range", "__range_s", "__interval_ms"}
TEMPLATE_VARS = ("target", "model", "test", "concurrency")
VAR_REF = re.compile(r"\$\{?(\w+)\}?")
REGEX_SPECIALS = set("$^*{}[]'+?.()|")

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)


def finish(what):
    if failures:
        print(f"{what}: {len(failures)} problem(s)")
        sys.exit(1)
    print(f"{what}: ok")
    sys.exit(0)


# ---------------------------------------------------------------------------------------- dashboard

def all_panels(dashboard):
    for p in dashboard.get("panels", []):
        yield p
        for inner in p.get("panels", []) or []:  # collapsed rows keep their panels inside
            yield inner


def panel_queries(dashboard):
    """(panel title, refId, expr) of every query of every panel."""
    for p in all_panels(dashboard):
        for t in p.get("targets", []) or []:
            if t.get("expr"):
                yield p.get("title", "?"), t.get("refId", "?"), t["expr"]


def variables(dashboard):
    return {v["name"]: v for v in dashboard.get("templating", {}).get("list", [])}


def var_query(v):
    q = v.get("query")
    return q.get("query") if isinstance(q, dict) else q


LABEL_VALUES = re.compile(r"^label_values\((?:(.+),\s*)?([a-zA-Z_]\w*)\)\s*$")


def substitute(expr, values, rate_interval="1m", interval="30s", range_="1h"):
    builtins = {"__rate_interval": rate_interval, "__interval": interval, "__range": range_}

    def repl(m):
        name = m.group(1)
        if name in builtins:
            return builtins[name]
        if name in values:
            return values[name]
        return m.group(0)

    return VAR_REF.sub(repl, expr)


def grafana_regex_escape(value):
    """What Grafana puts in a PromQL string for one value of a multi-value variable: regex specials escaped
    with a backslash, itself escaped for the PromQL string literal."""
    out = []
    for c in value:
        if c == "\\":
            out.append("\\\\\\\\")
        elif c in REGEX_SPECIALS:
            out.append("\\\\" + c)
        else:
            out.append(c)
    return "".join(out)


def multi_value(values):
    escaped = [grafana_regex_escape(v) for v in values]
    return escaped[0] if len(escaped) == 1 else "(" + "|".join(escaped) + ")"


def expected_unit(expr):
    """The unit a panel showing this expression must have: tokens/s as the custom unit tok/s, seconds as s."""
    if "ratio_to_median" in expr:
        return "percentunit"
    if "tokens_per_second" in expr:
        return "tok/s"
    if "request_errors_total" in expr and "rate(" in expr:
        return "err/s"
    if re.search(r"(benchy_\w+|:\w+)_seconds\b", expr) and "timestamp" not in expr:
        return "s"
    return None


def lint_dashboard(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    if not (39 <= d.get("schemaVersion", 0) <= 41):
        fail(f"schemaVersion {d.get('schemaVersion')} is not that of a current Grafana (39-41)")
    for key in ("uid", "title"):
        if not d.get(key):
            fail(f"dashboard has no {key}")
    if d.get("id") not in (None,):
        fail("dashboard id must be null/absent so provisioning and import assign one")

    vs = variables(d)
    ds = vs.get("datasource")
    if not ds or ds.get("type") != "datasource" or ds.get("query") != "prometheus":
        fail("variable 'datasource' must be of type datasource with query 'prometheus'")
    for name in TEMPLATE_VARS:
        v = vs.get(name)
        if not v:
            fail(f"template variable '{name}' is missing")
            continue
        if v.get("type") != "query" or not v.get("multi") or not v.get("includeAll"):
            fail(f"variable '{name}' must be a multi-value query variable with All")
        if v.get("datasource", {}).get("uid") != "${datasource}":
            fail(f"variable '{name}' must use the ${{datasource}} variable")
        m = LABEL_VALUES.match(var_query(v) or "")
        if not m or m.group(2) != name:
            fail(f"variable '{name}' must be label_values(..., {name}), is {var_query(v)!r}")

    ids, exprs = set(), []
    occupied = {}
    for p in all_panels(d):
        pid, title, kind = p.get("id"), p.get("title", "?"), p.get("type")
        if pid in ids:
            fail(f"panel id {pid} used twice")
        ids.add(pid)
        g = p.get("gridPos", {})
        if not all(k in g for k in ("x", "y", "w", "h")) or g["x"] + g["w"] > 24:
            fail(f"panel '{title}' has a bad gridPos {g}")
        else:
            for x in range(g["x"], g["x"] + g["w"]):
                for y in range(g["y"], g["y"] + g["h"]):
                    if (x, y) in occupied:
                        fail(f"panel '{title}' overlaps '{occupied[(x, y)]}'")
                        break
                    occupied[(x, y)] = title
                else:
                    continue
                break
        if kind == "row":
            continue
        if p.get("datasource", {}).get("uid") != "${datasource}":
            fail(f"panel '{title}' does not use the ${{datasource}} variable")
        targets = p.get("targets") or []
        if not targets:
            fail(f"panel '{title}' has no query")
        refs = [t.get("refId") for t in targets]
        if len(set(refs)) != len(refs):
            fail(f"panel '{title}' repeats a refId: {refs}")
        for t in targets:
            if t.get("datasource", {}).get("uid") != "${datasource}":
                fail(f"query {t.get('refId')} of panel '{title}' does not use the ${{datasource}} variable")
            if not t.get("expr"):
                fail(f"query {t.get('refId')} of panel '{title}' has no expr")
                continue
            for name in VAR_REF.findall(t["expr"]):
                if name not in vs and name not in BUILTIN_VARS:
                    fail(f"panel '{title}' uses undefined variable ${name}")
            exprs.append((title, t.get("refId"), t["expr"]))
        defaults = p.get("fieldConfig", {}).get("defaults", {})
        override_units = {prop.get("value") for o in p.get("fieldConfig", {}).get("overrides", [])
                          for prop in o.get("properties", []) if prop.get("id") == "unit"}
        wanted = {u for t in targets for u in [expected_unit(t.get("expr", ""))] if u}
        if kind == "table":
            if not wanted <= override_units:
                fail(f"table '{title}' needs unit overrides {sorted(wanted)}, has {sorted(override_units)}")
        elif len(wanted) > 1:
            fail(f"panel '{title}' mixes units {sorted(wanted)}")
        elif wanted and defaults.get("unit") not in wanted:
            fail(f"panel '{title}' must have unit {wanted.pop()!r}, has {defaults.get('unit')!r}")
        if p.get("repeat") and p["repeat"] not in vs:
            fail(f"panel '{title}' repeats over an undefined variable {p['repeat']}")
    for p in d.get("panels", []):
        if p.get("type") == "row" and p.get("repeat") and p["repeat"] not in vs:
            fail(f"row '{p.get('title')}' repeats over an undefined variable {p['repeat']}")

    # Parse every expression with promtool: as recording rules, with the variables substituted.
    sample = {"target": "simulator", "model": "simulator-model", "test": grafana_regex_escape("pp2048 @ d4096"),
              "concurrency": "1", "datasource": "x"}
    rules = []
    for i, (title, ref, e) in enumerate(exprs):
        rules.append({"record": f"dashboard:expr_{i}", "expr": substitute(e, sample), "_where": f"{title}/{ref}"})
    for name in TEMPLATE_VARS:
        m = LABEL_VALUES.match(var_query(vs.get(name, {})) or "")
        if m and m.group(1):
            rules.append({"record": f"dashboard:var_{name}", "expr": f"count({substitute(m.group(1), sample)})",
                          "_where": f"variable {name}"})
    promtool_parse(rules)
    print(f"dashboard: {len(exprs)} panel queries, {len(ids)} panels")


def promtool_parse(rules):
    """Each expression on its own through `promtool check rules`, so an error names its panel."""
    for r in rules:
        doc = "groups:\n  - name: parse\n    rules:\n      - record: %s\n        expr: %s\n" % (
            r["record"], json.dumps(r["expr"]))
        with tempfile.NamedTemporaryFile("w", suffix=".yaml") as f:
            f.write(doc)
            f.flush()
            res = subprocess.run(["promtool", "check", "rules", f.name], capture_output=True, text=True)
        if res.returncode != 0:
            why = " ".join(line.strip() for line in (res.stdout + res.stderr).splitlines()
                           if line.strip() and not line.startswith("Checking") and "FAILED" not in line)
            fail(f"PromQL of {r['_where']} does not parse: {r['expr']} ({why})")


# ---------------------------------------------------------------------------------------- live checks

def api(prom, path, params):
    url = prom.rstrip("/") + path + "?" + urllib.parse.urlencode(params, doseq=True)
    with urllib.request.urlopen(url, timeout=20) as r:
        body = json.load(r)
    if body.get("status") != "success":
        raise RuntimeError(f"{path} {params}: {body}")
    return body["data"]


def instant(prom, expr):
    return api(prom, "/api/v1/query", {"query": expr})


def label_values(prom, query, values):
    """Grafana's label_values(selector, label) for a Prometheus data source: the label's values over the
    series that match the selector."""
    m = LABEL_VALUES.match(query)
    selector, label = m.group(1), m.group(2)
    if not selector:
        return sorted(api(prom, f"/api/v1/label/{label}/values", {}))
    series = api(prom, "/api/v1/series", {"match[]": substitute(selector, values)})
    return sorted({s[label] for s in series if label in s}, key=lambda v: (len(v), v) if v.isdigit() else (0, v))


def query_dashboard(path, prom, rate_interval, range_):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    vs = variables(d)

    # Pass 1: one real value for target, model and concurrency (the first that each variable query offers,
    # each query seeing the choices made before it, as Grafana chains them) and All's real values for test.
    chosen, first = {}, {}
    for name in TEMPLATE_VARS:
        q = var_query(vs[name])
        found = label_values(prom, q, chosen)
        print(f"variable {name}: {q} -> {found}")
        if not found:
            fail(f"variable '{name}' ({q}) returns no values")
            return
        first[name] = found
        chosen[name] = multi_value(found) if name == "test" else multi_value(found[:1])
    passes = [("one target/model/concurrency, all tests", chosen),
              ("All", {name: vs[name].get("allValue") or ".*" for name in TEMPLATE_VARS})]
    total = 0
    for label, values in passes:
        for title, ref, expr in panel_queries(d):
            q = substitute(expr, values, rate_interval=rate_interval, interval="5s", range_=range_)
            total += 1
            try:
                data = instant(prom, q)
            except Exception as e:  # noqa: BLE001 - report and go on with the next query
                fail(f"[{label}] '{title}' {ref}: query error {e}: {q}")
                continue
            if not data.get("result"):
                fail(f"[{label}] '{title}' {ref}: no data: {q}")
    print(f"dashboard queries: {total - len(failures)} of {total} returned data")


def rules_evaluate(rules_path, prom):
    import yaml
    with open(rules_path, encoding="utf-8") as f:
        source = yaml.safe_load(f)
    wanted = {(g["name"], r.get("record") or r.get("alert")) for g in source["groups"] for r in g["rules"]}
    loaded = {}
    for g in api(prom, "/api/v1/rules", {})["groups"]:
        for r in g["rules"]:
            loaded[(g["name"], r["name"])] = r
    for key in sorted(wanted):
        r = loaded.get(key)
        if r is None:
            fail(f"rule {key[1]} (group {key[0]}) is not loaded")
        elif r.get("health") != "ok":
            fail(f"rule {key[1]} is {r.get('health')}: {r.get('lastError')}")
        elif r.get("type") == "recording" and not instant(prom, key[1]).get("result"):
            fail(f"recording rule {key[1]} has no data")
    print(f"rules: {len(wanted)} loaded and evaluated")


def main(argv):
    if len(argv) >= 2 and argv[0] == "lint-dashboard":
        lint_dashboard(argv[1])
        finish("dashboard lint")
    if len(argv) >= 3 and argv[0] == "query-dashboard":
        opts = dict(zip(argv[3::2], argv[4::2]))
        query_dashboard(argv[1], argv[2], opts.get("--rate-interval", "10s"), opts.get("--range", "1m"))
        finish("dashboard queries")
    if len(argv) == 3 and argv[0] == "rules-evaluate":
        rules_evaluate(argv[1], argv[2])
        finish("rules")
    print(__doc__)
    sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
