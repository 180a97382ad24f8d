#!/usr/bin/env python3
"""Extract the CIS AWS Foundations ids of KeyWarden's four rules from Prowler's and steampipe-mod-aws-compliance's
mappings into one data file (tests/KeyWarden.Tests/Fixtures/cis-ids-sources.json).

The unit test CisIdSourcesTests pins every rule's CIS id per benchmark version (RuleMetadata.CisIds) against this file,
so the ids come from the tools users compare us with, not from our own metadata. A requirement is found by what it
checks, never by its number:

  * Prowler: prowler/compliance/aws/cis_<v>_aws.json, the requirement whose Checks include the rule's Prowler check
    (iam_user_two_active_access_key, ...); a version file with no such requirement records null (not in that version);
  * steampipe: cis_v<nnn>/section_*.pp (or .sp), the control whose `query` is the rule's steampipe query
    (query.iam_user_one_active_key, ...); the id is the control name's tail (cis_v150_1_13 -> 1.13).

The file's hand-recorded sections ("securityHub", "cisText": read from AWS's and Tenable's published pages, which are
not git repositories) are kept as they are when OUT already exists.

Usage (stdlib only):
  scripts/cis-ids-extract.py --prowler-git-dir DIR --steampipe-git-dir DIR -o tests/KeyWarden.Tests/Fixtures/cis-ids-sources.json
"""

import argparse
import json
import os
import re
import subprocess

RULES = {
    # KeyWarden rule id: (Prowler check, steampipe query)
    "iam-single-active-access-key": ("iam_user_two_active_access_key", "iam_user_one_active_key"),
    "iam-root-access-key": ("iam_no_root_access_key", "iam_root_user_no_access_keys"),
    "iam-access-key-unused": ("iam_user_accesskey_unused", None),  # steampipe: two queries (90 days in v1.3.0, 45 later)
    "iam-access-key-rotation": ("iam_rotate_access_key_90_days", "iam_user_access_key_age_90"),
}
STEAMPIPE_UNUSED = ("iam_user_unused_credentials_90", "iam_user_unused_credentials_45")


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True, capture_output=True, text=True).stdout


def version_key(text):
    """'4.0.1' or '5.0' -> 'v4.0.1' / 'v5.0.0' (KeyWarden's version keys)."""
    parts = text.split(".")
    return "v" + ".".join(parts + ["0"] * (3 - len(parts)))


def prowler(git_dir):
    commit = git(git_dir, "rev-parse", "HEAD").strip()
    files = [f for f in git(git_dir, "ls-tree", "--name-only", "HEAD", "prowler/compliance/aws/").split()
             if re.fullmatch(r"prowler/compliance/aws/cis_[0-9.]+_aws\.json", f)]
    versions = {}
    for path in files:
        data = json.loads(git(git_dir, "show", f"HEAD:{path}"))
        # The file's Name carries the full version (cis_4.0_aws.json is "... v4.0.1"); Version may drop the patch.
        named = re.search(r"v(\d+\.\d+\.\d+)$", data["Name"])
        key = "v" + named.group(1) if named else version_key(data["Version"])
        ids = {}
        for rule, (check, _) in RULES.items():
            found = [r for r in data["Requirements"] if check in r.get("Checks", [])]
            ids[rule] = {"id": found[0]["Id"], "title": found[0]["Description"]} if found else None
        versions[key] = {"file": path, "name": data["Name"], "ids": ids}
    return {"repository": "https://github.com/prowler-cloud/prowler", "commit": commit,
            "checks": {rule: c for rule, (c, _) in RULES.items()}, "versions": dict(sorted(versions.items(), key=sort_key))}


def steampipe(git_dir):
    commit = git(git_dir, "rev-parse", "HEAD").strip()
    folders = [f for f in git(git_dir, "ls-tree", "--name-only", "-d", "HEAD").split() if re.fullmatch(r"cis_v\d{3}", f)]
    versions = {}
    for folder in folders:
        digits = folder[len("cis_v"):]
        key = f"v{digits[0]}.{digits[1]}.{digits[2]}"
        text = ""
        for f in git(git_dir, "ls-tree", "--name-only", "HEAD", f"{folder}/").split():
            if re.fullmatch(rf"{folder}/section_\d+\.(pp|sp)", f):
                text += git(git_dir, "show", f"HEAD:{f}")
        controls = {}
        for m in re.finditer(r'control "(\w+)" \{(.*?)\n\}', text, re.S):
            query = re.search(r"query\s*=\s*query\.(\w+)", m.group(2))
            title = re.search(r'title\s*=\s*"(.*?)"', m.group(2))
            if query:
                controls.setdefault(query.group(1), []).append((m.group(1), title.group(1) if title else ""))
        ids = {}
        for rule, (_, query) in RULES.items():
            found = [c for q in ((query,) if query else STEAMPIPE_UNUSED) for c in controls.get(q, [])]
            if found:
                name, title = found[0]
                ids[rule] = {"id": name[len(folder) + 1:].replace("_", "."), "control": name, "title": title}
            else:
                ids[rule] = None
        versions[key] = {"benchmark": folder, "ids": ids}
    return {"repository": "https://github.com/turbot/steampipe-mod-aws-compliance", "commit": commit,
            "queries": {rule: q or list(STEAMPIPE_UNUSED) for rule, (_, q) in RULES.items()},
            "versions": dict(sorted(versions.items(), key=sort_key))}


def sort_key(item):
    return tuple(int(p) for p in item[0][1:].split("."))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prowler-git-dir", required=True)
    parser.add_argument("--steampipe-git-dir", required=True)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    manual = {}
    if os.path.exists(args.output):
        with open(args.output, encoding="utf-8") as f:
            old = json.load(f)
        manual = {k: old[k] for k in ("securityHub", "cisText") if k in old}
    out = {
        "about": "CIS AWS Foundations ids of KeyWarden's rules as public sources give them, per benchmark version. "
                 "null: the source has the version but not the recommendation. Extracted by scripts/cis-ids-extract.py "
                 "(prowler, steampipe); securityHub and cisText are recorded by hand from the pages named. "
                 "See docs/rules/cis-sources.md.",
        "prowler": prowler(args.prowler_git_dir),
        "steampipe": steampipe(args.steampipe_git_dir),
        **manual,
    }
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
