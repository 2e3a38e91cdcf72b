"""Regenerates the bad-input catalogue from the real UCDP files (run from the repo root:
`python3 tests/bad-inputs/make_catalogue.py`). Every file is the header and the first three
records of a real release with ONE defect introduced, so that each file exercises one failure
class and its expected error (see README.md) is exact.
"""

import csv
import io
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parent.parent / "data"


def head(rel, n=3):
    text = (DATA / rel).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    rdr = csv.reader(io.StringIO(text, newline=""))
    out, prev = [], 0
    for _ in rdr:
        out.append("".join(lines[prev : rdr.line_num]))
        prev = rdr.line_num
        if len(out) > n:
            break
    return out


def fields(line):
    return next(csv.reader([line.rstrip("\n")]))


def join(fs, delimiter=",", terminator="\n"):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=terminator).writerow(fs)
    return buf.getvalue()


def set_field(line, col, value):
    fs = fields(line)
    fs[col] = value
    return join(fs)


ACD = head("ucdp-acd/UcdpPrioConflict_v25_1.csv")
COLS = fields(ACD[0])
GED = head("ucdp-ged-sample/ged231_sample_1000.csv", 2)
GCOLS = fields(GED[0])


def write(name, text, binary=False):
    p = HERE / name
    if binary:
        p.write_bytes(text)
    else:
        p.write_bytes(text.encode("utf-8"))


def day_first(v):
    parts = v.split("-")
    if len(parts) == 3 and len(parts[0]) == 4:
        return f"{int(parts[2])}-{int(parts[1])}-{parts[0]}"
    return v


def main():
    # Spreadsheet re-save in a decimal-comma locale: `;`, CRLF, dates d-m-yyyy.
    write(
        "spreadsheet_resave.csv",
        "".join(join([day_first(v) for v in fields(rec)], ";", "\r\n") for rec in ACD),
    )
    write("tab_delimited.csv", "".join(join(fields(rec), "\t") for rec in ACD))
    crlf = [rec.replace("\n", "\r\n") for rec in ACD]
    write("crlf.csv", "".join(crlf))
    write(
        "crlf_wrong_type.csv",
        "".join(
            [
                *crlf[:2],
                set_field(ACD[2], COLS.index("year"), "2014.0").replace("\n", "\r\n"),
                *crlf[3:],
            ]
        ),
    )
    write(
        "missing_column.csv",
        "".join(
            [join([c for c in COLS if c != "intensity_level"])]
            + [
                join([v for c, v in zip(COLS, fields(rec)) if c != "intensity_level"])
                for rec in ACD[1:]
            ]
        ),
    )
    write(
        "extra_column.csv",
        "".join(
            [ACD[0].rstrip("\n") + ",note\n"]
            + [rec.rstrip("\n") + ",checked by hand\n" for rec in ACD[1:]]
        ),
    )
    api = head("ucdp-acd/UcdpPrioConflict_v24_1.api.csv")
    write("renamed_api_columns.csv", "".join(api))
    write(
        "wrong_type.csv",
        "".join([*ACD[:2], set_field(ACD[2], COLS.index("year"), "2014.0"), *ACD[3:]]),
    )
    write(
        "out_of_range_code.csv",
        "".join([*ACD[:2], set_field(ACD[2], COLS.index("type_of_conflict"), "5"), *ACD[3:]]),
    )
    write(
        "impossible_dates.csv",
        "".join([*ACD[:1], set_field(ACD[1], COLS.index("ep_end_date"), "1990-01-01"), *ACD[2:]]),
    )
    write(
        "ged_end_before_start.csv",
        "".join([*GED[:2], set_field(GED[2], GCOLS.index("date_end"), "1989-05-01")]),
    )
    write("duplicate_conflict_year.csv", "".join([*ACD, ACD[1]]))
    nul = fields(ACD[2])
    nul[COLS.index("side_b")] = "GN\x00LA"
    write("embedded_nul.csv", "".join([*ACD[:2], join(nul), *ACD[3:]]))
    bad = "".join(ACD).encode("utf-8")
    at = bad.index(b"GNLA")
    write("invalid_utf8.csv", bad[:at] + b"\xff" + bad[at + 1 :], binary=True)
    write("utf16.csv", "".join(ACD).encode("utf-16"), binary=True)
    write("truncated_last_line.csv", "".join(ACD[:3]) + ACD[3][: len(ACD[3]) // 2])
    write("empty.csv", "")
    write("header_only.csv", ACD[0])
    ihl = "conflict_id,dyad_id,category,source,from,to\n"
    write("ihl_overlap.csv", ihl + "259,,niac,a,2014-01-01,2017-12-31\n259,,iac,b,2017-06-01,\n")
    write(
        "ihl_unknown_category.csv",
        ihl + "13243,,iac,RULAC,2014-02-27,\n13243,,war,me,,2013-12-31\n",
    )
    write(
        "ihl_spreadsheet_resave.csv",
        "conflict_id;dyad_id;category;source;from;to\r\n13243;;iac;RULAC;27-2-2014;\r\n",
    )
    # UCDP's xlsx download of Non-State v25.1 stores some G&W lists as numbers, the commas
    # read as thousands separators: the first such record, as a user's own conversion gives it.
    ns = head("ucdp-nonstate/NonState_v25_1.csv", 2)
    lines = (DATA / "ucdp-nonstate/NonState_v25_1.csv").read_text(encoding="utf-8").splitlines(
        keepends=True
    )
    damaged = next(line for line in lines if '"2,696,670"' in line)
    write("xlsx_gw_list_number.csv", "".join([*ns, damaged.replace('"2,696,670"', "2696670")]))


if __name__ == "__main__":
    main()
