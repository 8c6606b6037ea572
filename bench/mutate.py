"""Mutation testing of the rule modules: does each module's own test suite notice a small change to its rules?

`make mutate` (or `make mutate MODULE=support_requests/assignment.py`) runs mutmut over one rule module at a time,
with only the tests bench/mutation_targets.toml names for it, and writes the score of each module and the diff of each
surviving mutant to bench/MUTATION.md. A mutant is one small change (a flipped comparison, a changed constant, a
dropped argument); it is *killed* when at least one of the module's tests fails on it. A survivor is either a behaviour
no test guards (write the test a user would want) or an equivalent mutant (the program behaves the same): those are
explained under [explained] in the targets file.

Each module runs in its own scratch folder under var/mutation/ (mutmut copies the code into mutants/ there), so the
work tree is never changed. The tests use a test database kept in var/mutation/test.sqlite3 (pytest-django's
--reuse-db), so a mutant costs its tests' run time, not a migration. One worker, at low priority: this is not part of
CI's time budget.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ROOT / "bench" / "mutation_targets.toml"
RESULTS = ROOT / "bench" / "mutation_results.json"
REPORT = ROOT / "bench" / "MUTATION.md"
WORK = ROOT / "var" / "mutation"
MUTMUT = ROOT / ".venv" / "bin" / "mutmut"
GOAL = 0.90
# What the tests need beside the apps themselves.
ALSO_COPY = ["templates", "static", "locale", "manage.py", "docs", "README.md"]
# A timeout is not counted as a kill: on a busy machine a harmless mutant can time out too. Re-test them with
# --survivors when the machine is quieter.
KILLED = {"killed", "caught by type check", "segfault"}
NOT_COUNTED = {"skipped", "not checked", "check was interrupted by user"}


def apps() -> list[str]:
    """The project's Django apps: the top-level folders with an apps.py."""
    return sorted(p.parent.name for p in ROOT.glob("*/apps.py"))


def load_targets() -> dict:
    with TARGETS.open("rb") as f:
        return tomllib.load(f)


def scratch_folder(modules: list[str], targets: dict, *, keep: bool = False) -> Path:
    """A folder with links to the project and a pyproject.toml whose [tool.mutmut] names these modules (of one app)
    and their tests."""
    name = modules[0].replace("/", "__").removesuffix(".py") if len(modules) == 1 else modules[0].split("/")[0]
    folder = WORK / name
    if keep:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in [*apps(), "tests", *ALSO_COPY]:
        if (ROOT / name).exists():
            (folder / name).symlink_to(ROOT / name)
    pytest_args = ["-p", "no:cacheprovider", "-m", "not browser"]
    if not any(targets[m].get("fresh_db") for m in modules):
        pytest_args.append("--reuse-db")
    tests = list(dict.fromkeys(t for m in modules for t in targets[m]["tests"]))
    config = {
        "source_paths": apps(),
        "only_mutate": modules,
        "also_copy": [name for name in ALSO_COPY if (ROOT / name).exists()],
        "pytest_add_cli_args": pytest_args,
        "pytest_add_cli_args_test_selection": tests,
        "use_git_change_detection": False,
    }
    if any(targets[m].get("fresh_db") for m in modules):
        # mutmut stops a mutant after (its tests' measured time + timeout_constant) x 30 CPU seconds; the measured
        # time leaves out the migration of the fresh database, so without room for it every mutant "times out".
        config["timeout_constant"] = 300
    pyproject = (ROOT / "pyproject.toml").read_text()
    pyproject += "\n[tool.mutmut]\n" + "".join(f"{key} = {json.dumps(value)}\n" for key, value in config.items())
    (folder / "pyproject.toml").write_text(pyproject)
    return folder


def prefix(module: str) -> str:
    return module.removesuffix(".py").replace("/", ".") + "."


def sample(folder: Path, module: str, limit: int) -> tuple[list[str], int]:
    """At most `limit` of the module's mutants, spread evenly over its functions (the same ones every run), and how
    many mutants the module has in all."""
    code = f"""
import json
from mutmut.mutation.file_mutation import mutate_file_contents
names = mutate_file_contents({module!r}, open({module!r}).read()).mutant_names
print(json.dumps(list(names)))
"""
    shown = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-c", code], cwd=folder, capture_output=True,
                           text=True, check=True).stdout
    names = [prefix(module) + name for name in json.loads(shown.splitlines()[-1])]
    if len(names) <= limit:
        return names, len(names)
    return [names[i * len(names) // limit] for i in range(limit)], len(names)


def run_session(modules: list[str], targets: dict, limit: int, only: list[str] | None = None,
                collect: bool = False) -> dict[str, dict]:
    """Run mutmut once over these modules of one app, with the union of their tests (each mutant runs only the
    tests that execute its function); a sample of at most `limit` mutants per module when limit > 0. Returns per
    module its mutants' statuses and the diffs of the survivors."""
    folder = scratch_folder(modules, targets, keep=collect)
    chosen, in_all = list(only or []), {}
    if limit and not only:
        for module in modules:
            names, in_all[module] = sample(folder, module, limit)
            chosen += names
    env = {**os.environ, "CI": "true", "TRAININGNET_VAR_DIR": str(folder / "var")}
    env.pop("DATABASE_URL", None)  # SQLite: the mutants run against the kept test database file
    if any(targets[m].get("fresh_db") for m in modules):
        env.pop("TEST_DATABASE_NAME", None)
    else:
        env["TEST_DATABASE_NAME"] = str(WORK / f"test-{folder.name}.sqlite3")  # one per session: two may run at once
    log = WORK / f"{folder.name}.log"
    started = time.monotonic()
    print(f"mutate {', '.join(modules)} (log: {log.relative_to(ROOT)})", flush=True)
    if not collect:
        with log.open("w") as out:
            subprocess.run([str(MUTMUT), "run", "--max-children", "1", *chosen], cwd=folder, env=env, stdout=out,
                           stderr=subprocess.STDOUT, check=False)
    seconds = round(time.monotonic() - started)
    listing = subprocess.run([str(MUTMUT), "results", "--all", "true"], cwd=folder, env=env, capture_output=True,
                             text=True, check=False).stdout
    statuses = dict(re.findall(r"^\s+(\S+): (.+)$", listing, flags=re.MULTILINE))
    if chosen:
        statuses = {name: status for name, status in statuses.items() if name in set(chosen)}
    survivors = [name for name, status in statuses.items() if status not in KILLED | NOT_COUNTED]
    code = """
import json, sys
from mutmut.mutation.diff_apply import find_mutant, get_diff_for_mutant
names = json.loads(sys.stdin.read())
print(json.dumps({n: get_diff_for_mutant(n, path=find_mutant(n).path) for n in names}))
"""
    shown = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-c", code], cwd=folder, env=env,
                           input=json.dumps(survivors), capture_output=True, text=True, check=False).stdout
    all_diffs = json.loads(shown.splitlines()[-1]) if shown.strip() else {}
    results = {}
    for module in modules:
        mine = {name: status for name, status in statuses.items() if name.startswith(prefix(module))}
        diffs = {name: diff for name, diff in all_diffs.items() if name in mine}
        results[module] = {"statuses": mine, "diffs": diffs, "seconds": seconds,
                           "mutants_in_module": in_all.get(module, len(mine)), "together_with": len(modules) - 1,
                           "run_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}
    return results


def score(result: dict) -> tuple[int, int]:
    counted = [s for s in result["statuses"].values() if s not in NOT_COUNTED]
    return sum(s in KILLED for s in counted), len(counted)


def write_report(results: dict, targets: dict) -> None:
    explained = targets.get("explained", {})
    lines = [
        "# Mutation testing of the rule modules",
        "",
        "Written by `make mutate` (bench/mutate.py, mutmut, each module with its own tests from",
        "bench/mutation_targets.toml). *Killed*: a test failed on the mutant (a timeout is not counted as killed:",
        "on a busy machine a harmless mutant can time out too; re-test timeouts with --survivors).",
        "*Survived*: every test passed; *no tests*: no test of the module runs that function.",
        f"Goal: at least {GOAL:.0%} killed per module. Survivors that are explained (equivalent mutants and the",
        "like) are marked; their explanation lives in the targets file under [explained].",
        "",
        "A run with MAX_MUTANTS tests an even sample of each module's mutants: *mutants* then says how many were",
        "tested of how many the module has.",
        "",
        "Several modules of one app named together run in one mutmut session over the union of their tests (seconds:",
        "of the whole session); each mutant runs the tests that execute its function.",
        "",
        "| module | killed | mutants | score | explained survivors | run at | seconds |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for module in targets["modules"]:
        result = results.get(module)
        if result is None:
            lines.append(f"| {module} | | | not run yet | | | |")
            continue
        killed, total = score(result)
        survivors = [n for n, s in result["statuses"].items() if s not in KILLED | NOT_COUNTED]
        n_explained = sum(n in explained for n in survivors)
        pct = f"{killed / total:.0%}" if total else "no mutants"
        if total:
            pct += " (with explained: " + f"{(killed + n_explained) / total:.0%})" if n_explained else ""
        of_all = result.get("mutants_in_module", total)
        tested = f"{total} of {of_all}" if of_all > len(result["statuses"]) else str(total)
        lines.append(f"| {module} | {killed} | {tested} | {pct} | {n_explained} | {result['run_at']} "
                     f"| {result['seconds']} |")
    for module in targets["modules"]:
        result = results.get(module)
        if not result:
            continue
        survivors = sorted((n, s) for n, s in result["statuses"].items() if s not in KILLED | NOT_COUNTED)
        if not survivors:
            continue
        lines += ["", f"## {module}: surviving mutants", ""]
        for name, status in survivors:
            note = explained.get(name)
            lines.append(f"### `{name}` ({status})" + (" — explained" if note else ""))
            lines.append("")
            if note:
                lines += [note, ""]
            lines += ["```diff", result["diffs"].get(name, "").strip(), "```", ""]
    REPORT.write_text("\n".join(lines).rstrip() + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="module paths as in bench/mutation_targets.toml (default: all)")
    parser.add_argument("--max-mutants", type=int, default=int(os.environ.get("MAX_MUTANTS") or 0),
                        help="test at most this many mutants per module, spread evenly (default: all; env MAX_MUTANTS)")
    parser.add_argument("--survivors", action="store_true",
                        help="test again only the stored survivors (and timeouts) of these modules, after new tests")
    parser.add_argument("--collect", action="store_true",
                        help="do not run: read the statuses of the last run from its scratch folder")
    parser.add_argument("--report-only", action="store_true", help="rewrite bench/MUTATION.md from the stored results")
    args = parser.parse_args()
    targets = load_targets()
    unknown = [m for m in args.modules if m not in targets["modules"]]
    if unknown:
        print(f"not in {TARGETS.relative_to(ROOT)}: {', '.join(unknown)}", file=sys.stderr)
        return 2
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if not args.report_only:
        WORK.mkdir(parents=True, exist_ok=True)
        by_app: dict[tuple[str, bool], list[str]] = {}  # a module that needs a fresh database runs on its own
        for module in args.modules or list(targets["modules"]):
            fresh = bool(targets["modules"][module].get("fresh_db"))
            by_app.setdefault((module.split("/")[0], fresh), []).append(module)
        for modules in by_app.values():
            only = None
            if args.survivors:
                only = [name for m in modules for name, status in results.get(m, {}).get("statuses", {}).items()
                        if status not in KILLED | NOT_COUNTED]
                if not only:
                    continue
            for module, result in run_session(modules, targets["modules"], args.max_mutants, only,
                                              collect=args.collect).items():
                if only:  # merge: the other mutants keep their stored status
                    old = results[module]
                    old["statuses"].update({n: st for n, st in result["statuses"].items() if st not in NOT_COUNTED})
                    old["diffs"] = {n: d for n, d in {**old["diffs"], **result["diffs"]}.items()
                                    if old["statuses"][n] not in KILLED | NOT_COUNTED}
                    old["run_at"], old["seconds"] = result["run_at"], old["seconds"] + result["seconds"]
                    result = old
                results[module] = result
                killed, total = score(result)
                print(f"  {module}: {killed}/{total} killed", flush=True)
            # Another run may have written other modules meanwhile: keep theirs, write ours.
            stored = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
            stored.update({module: results[module] for module in modules})
            results = stored
            RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
            write_report(results, targets)
    write_report(results, targets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
