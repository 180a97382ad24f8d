#!/usr/bin/env python3
"""Extract one OCSF event class, resolved, from the official ocsf-schema sources into one compact JSON file.

The tests validate KeyWarden's OCSF output against this extract (tests/KeyWarden.Tests/Reports/Authoritative/
OcsfSchema.cs), so the rules they check come from OCSF's own repository, not from our output. The resolution
follows what the OCSF schema server does with the sources:

  * a class's attributes are its `extends` chain merged base first (base_event <- finding <- compliance_finding),
    each level's `$include` files (includes/, profiles/) merged into that level; a child's definition of an
    attribute overrides its parent's key by key (deep merge);
  * every attribute is then completed from dictionary.json (type, is_array, enum, sibling), the class or object
    overriding the dictionary key by key: an enum the class defines adds to the dictionary's (0 Unknown,
    99 Other) and replaces its captions;
  * objects are resolved the same way (objects/*.json with their `extends` chain), recursively for every object
    an attribute refers to;
  * the datetime profile adds `<name>_dt` (datetime_t) beside every timestamp_t attribute;
  * class_uid is category uid * 1000 + the class's uid, and type_uid class_uid * 100 + activity_id; their
    captions (class_name, category_name, type_name) are given as enums so a validator checks the sibling names.

Usage (stdlib only):
  scripts/ocsf-extract.py --git-dir /path/to/ocsf-schema.git --ref v1.1.0 --class compliance_finding -o OUT.json
  scripts/ocsf-extract.py --schema-dir /path/to/ocsf-schema-checkout --class compliance_finding -o OUT.json
"""

import argparse
import copy
import json
import os
import subprocess
import sys

REPOSITORY = "https://github.com/ocsf/ocsf-schema"


class Source:
    """The schema's files, from a checkout or from a git directory at one ref."""

    def __init__(self, schema_dir=None, git_dir=None, ref=None):
        self.schema_dir, self.git_dir, self.ref = schema_dir, git_dir, ref
        # A mirror can have a branch named like the tag (ocsf-schema has both v1.1.0s): the tag is what we record.
        if git_dir and ref and not ref.startswith("refs/"):
            tag = subprocess.run(["git", "-C", git_dir, "rev-parse", "--verify", "--quiet", f"refs/tags/{ref}"], capture_output=True, text=True)
            if tag.returncode == 0:
                self.ref = f"refs/tags/{ref}"

    def _git(self, *args):
        return subprocess.run(["git", "-C", self.git_dir, *args], check=True, capture_output=True, text=True).stdout

    def files(self):
        if self.git_dir:
            return [p for p in self._git("ls-tree", "-r", "--name-only", self.ref).splitlines() if p.endswith(".json")]
        found = []
        for root, _, names in os.walk(self.schema_dir):
            for name in names:
                if name.endswith(".json"):
                    found.append(os.path.relpath(os.path.join(root, name), self.schema_dir).replace(os.sep, "/"))
        return sorted(found)

    def read(self, path):
        if self.git_dir:
            return json.loads(self._git("show", f"{self.ref}:{path}"))
        with open(os.path.join(self.schema_dir, path), encoding="utf-8") as f:
            return json.load(f)

    def commit(self):
        if self.git_dir:
            return self._git("rev-parse", f"{self.ref}^{{commit}}").strip()
        try:
            return subprocess.run(["git", "-C", self.schema_dir, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
        except (subprocess.CalledProcessError, FileNotFoundError):
            return "unknown"


def deep_merge(base, override):
    """base's keys, then override's on top, recursing into dictionaries (the schema server's merge)."""
    result = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


class Extractor:
    def __init__(self, source):
        self.source = source
        paths = source.files()
        # Core schema only: extensions (linux, windows) are opt-in and not part of the class we validate.
        self.events = {}
        self.objects = {}
        for path in paths:
            if path.startswith("events/"):
                data = source.read(path)
                self.events[data["name"]] = data
            elif path.startswith("objects/"):
                data = source.read(path)
                self.objects[data["name"]] = data
        self.dictionary = source.read("dictionary.json")
        self.categories = source.read("categories.json")["attributes"]
        self.version = source.read("version.json")["version"]
        self.types = self.dictionary["types"]["attributes"]

    def _own_attributes(self, definition):
        """A definition's attributes with its $include files merged in (profile attributes tagged with the profile)."""
        attributes = {}
        own = dict(definition.get("attributes", {}))
        for include in own.pop("$include", []):
            included = self.source.read(include)
            for name, attribute in included.get("attributes", {}).items():
                attribute = dict(attribute)
                if included.get("meta") == "profile":
                    attribute.setdefault("profile", included["name"])
                attributes[name] = deep_merge(attributes.get(name, {}), attribute)
        for name, attribute in own.items():
            attributes[name] = deep_merge(attributes.get(name, {}), attribute)
        return attributes

    def _chain(self, definitions, name):
        chain = []
        while name:
            definition = definitions[name]
            chain.append(definition)
            name = definition.get("extends")
        return list(reversed(chain))

    def _resolve(self, definitions, name):
        chain = self._chain(definitions, name)
        attributes, constraints, profiles = {}, {}, []
        for definition in chain:
            for attribute_name, attribute in self._own_attributes(definition).items():
                attributes[attribute_name] = deep_merge(attributes.get(attribute_name, {}), attribute)
            constraints.update(definition.get("constraints", {}))
            profiles += [p for p in definition.get("profiles", []) if p not in profiles]
        resolved = {}
        for attribute_name, attribute in attributes.items():
            dictionary_attribute = self.dictionary["attributes"].get(attribute_name)
            if dictionary_attribute is None:
                raise SystemExit(f"{name}.{attribute_name} is not in dictionary.json")
            resolved[attribute_name] = deep_merge(dictionary_attribute, attribute)
        # The datetime profile: a _dt sibling for every timestamp.
        for attribute_name, attribute in list(resolved.items()):
            if attribute.get("type") == "timestamp_t" and f"{attribute_name}_dt" not in resolved:
                resolved[f"{attribute_name}_dt"] = {"type": "datetime_t", "requirement": "optional", "profile": "datetime",
                                                    "is_array": attribute.get("is_array", False)}
        return [d["name"] for d in chain], resolved, constraints, profiles

    @staticmethod
    def _compact(attribute):
        """What a validator needs of one attribute; descriptions are left in the sources."""
        out = {"type": attribute["type"], "requirement": attribute.get("requirement", "optional")}
        if attribute.get("is_array"):
            out["is_array"] = True
        if "enum" in attribute:
            out["enum"] = {k: v.get("caption", k) for k, v in sorted(attribute["enum"].items(), key=lambda kv: int(kv[0]))}
        if "sibling" in attribute:
            out["sibling"] = attribute["sibling"]
        if attribute.get("profile"):
            out["profile"] = attribute["profile"]
        return out

    def extract(self, class_name):
        event = self.events[class_name]
        chain, attributes, constraints, profiles = self._resolve(self.events, class_name)
        category = self.categories[event["category"]]
        class_uid = category["uid"] * 1000 + event["uid"]
        attributes = {k: self._compact(v) for k, v in sorted(attributes.items())}
        attributes["class_uid"]["enum"] = {str(class_uid): event["caption"]}
        attributes["category_uid"]["enum"] = {str(category["uid"]): category["caption"]}
        activities = attributes["activity_id"]["enum"]
        attributes["type_uid"]["enum"] = {str(class_uid * 100 + int(k)): f"{event['caption']}: {v}" for k, v in activities.items()}

        objects, pending = {}, [a["type"] for a in attributes.values()]
        while pending:
            type_name = pending.pop()
            if type_name.endswith("_t") or type_name in objects:
                continue
            obj_chain, obj_attributes, obj_constraints, _ = self._resolve(self.objects, type_name)
            compact = {k: self._compact(v) for k, v in sorted(obj_attributes.items())}
            objects[type_name] = {"caption": self.objects[type_name].get("caption", type_name), "extends": obj_chain[:-1],
                                  "attributes": compact}
            if obj_constraints:
                objects[type_name]["constraints"] = obj_constraints
            pending += [a["type"] for a in compact.values()]

        used_types = {a["type"] for a in attributes.values()} | {a["type"] for o in objects.values() for a in o["attributes"].values()}
        types = {}
        for type_name in sorted(t for t in used_types if t.endswith("_t")):
            definition = self.types[type_name]
            types[type_name] = {k: definition[k] for k in ("type", "max_len", "regex", "range", "values") if k in definition}

        return {
            "source": {
                "repository": REPOSITORY,
                "ref": (self.source.ref or "(checkout)").removeprefix("refs/tags/"),
                "commit": self.source.commit(),
                "version": self.version,
                "extracted_by": "scripts/ocsf-extract.py",
            },
            "class": {
                "name": class_name,
                "caption": event["caption"],
                "uid": class_uid,
                "category_uid": category["uid"],
                "category_name": category["caption"],
                "extends": chain[:-1],
                "profiles": profiles,
                "attributes": attributes,
                **({"constraints": constraints} if constraints else {}),
            },
            "objects": dict(sorted(objects.items())),
            "types": types,
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--schema-dir", help="a checkout of ocsf-schema")
    where.add_argument("--git-dir", help="a (bare) git directory of ocsf-schema")
    parser.add_argument("--ref", default="v1.1.0", help="with --git-dir: the tag or commit (default v1.1.0)")
    parser.add_argument("--class", dest="class_name", default="compliance_finding", help="the event class's name")
    parser.add_argument("-o", "--output", help="the extract (default stdout)")
    args = parser.parse_args()

    source = Source(schema_dir=args.schema_dir, git_dir=args.git_dir, ref=args.ref if args.git_dir else None)
    extract = Extractor(source).extract(args.class_name)
    text = json.dumps(extract, indent=1, sort_keys=False) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
