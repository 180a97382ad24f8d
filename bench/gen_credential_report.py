#!/usr/bin/env python3
"""Writes a synthetic IAM credential report with N users (plus the root row) for the offline benchmark.

About 15 % of users have two active keys, in the same proportions of stale, in-use and never-used keys
that a real account shows; the rest have zero or one key. Deterministic for a given N and seed.
"""
import csv
import random
import sys
from datetime import datetime, timedelta, timezone

COLUMNS = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
           "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
           "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
           "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
           "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
           "cert_2_active,cert_2_last_rotated").split(",")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    out = sys.argv[2] if len(sys.argv) > 2 else "-"
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    now = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
    fmt = lambda d: d.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    ago = lambda days: fmt(now - timedelta(days=days, minutes=rng.randint(0, 1400)))

    def key(active, age, used):
        if age is None:
            return ["false", "N/A", "N/A", "N/A", "N/A"]
        if used is None:
            return ["true" if active else "false", ago(age), "N/A", "N/A", "N/A"]
        return ["true" if active else "false", ago(age), ago(min(used, age)), rng.choice(["us-east-1", "eu-west-1"]),
                rng.choice(["s3", "ec2", "sts", "dynamodb"])]

    f = sys.stdout if out == "-" else open(out, "w", newline="")
    w = csv.writer(f, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerow(["<root_account>", "arn:aws:iam::123456789012:root", ago(3000), "not_supported", ago(30),
                "not_supported", "not_supported", "true"] + key(False, None, None) * 2 + ["false", "N/A"] * 2)
    for i in range(n):
        r = rng.random()
        if r < 0.15:
            k1 = key(True, rng.randint(100, 900), rng.choice([None, rng.randint(0, 400)]))
            k2 = key(True, rng.randint(1, 99), rng.choice([None, rng.randint(0, 20)]))
        elif r < 0.75:
            k1, k2 = key(True, rng.randint(1, 900), rng.choice([None, rng.randint(0, 60)])), key(False, None, None)
        elif r < 0.85:
            k1, k2 = key(False, rng.randint(200, 900), rng.randint(100, 500)), key(True, rng.randint(1, 199), rng.randint(0, 30))
        else:
            k1 = k2 = key(False, None, None)
        name = f"user-{i:06d}"
        w.writerow([name, f"arn:aws:iam::123456789012:user/{name}", ago(1000), "false", "N/A", "N/A", "N/A", "false"]
                   + k1 + k2 + ["false", "N/A", "false", "N/A"])
    if f is not sys.stdout:
        f.close()


if __name__ == "__main__":
    main()
