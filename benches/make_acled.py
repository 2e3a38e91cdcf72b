"""Writes a synthetic file in ACLED's export layout (31 columns since 2023-03-20) of N events
(default 1,000,000) for timing `conflictstats panel events --acled-file`: no ACLED data — ids,
dates, types, countries and fatalities are drawn from a fixed seed over ACLED's documented
values (rows ~300 bytes, a quoted note with a comma each). Not stored in the repo. Usage:
    python3 benches/make_acled.py /tmp/acled1m.csv [N]
"""

import csv
import datetime
import pathlib
import random
import sys

HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
TYPES = [
    ("Political violence", "Battles", "Armed clash"),
    ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Political violence", "Violence against civilians", "Attack"),
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Demonstrations", "Riots", "Violent demonstration"),
    ("Strategic developments", "Strategic developments", "Looting/property destruction"),
]
# (iso, country, code): a few countries with G&W states and one territory (Palestine).
COUNTRIES = [
    (729, "Sudan", "SDN"),
    (466, "Mali", "MLI"),
    (804, "Ukraine", "UKR"),
    (760, "Syria", "SYR"),
    (566, "Nigeria", "NGA"),
    (275, "Palestine", "PSE"),
]


def main():
    out = pathlib.Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(16)
    start = datetime.date(2018, 1, 1)
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for i in range(n):
            dis, ev, sub = rng.choice(TYPES)
            iso, country, code = rng.choice(COUNTRIES)
            day = start + datetime.timedelta(days=rng.randrange(2900))
            date = day.isoformat() if i % 2 else f"{day.day} {day:%B} {day.year}"
            note = f'On {day.isoformat()}, "armed men" attacked a village; {i}.'
            head = [f"{code}{i}", date, day.year, rng.choice((1, 1, 1, 2, 3)), dis, ev, sub]
            actors = ["Military Forces", "", "State forces", "Civilians", "", "Civilians"]
            lat, lon = f"{rng.uniform(-30, 40):.4f}", f"{rng.uniform(-20, 50):.4f}"
            place = ["Region", country, "Admin1", "Admin2", "", "Town", lat, lon]
            fat = rng.choice((0, 0, 0, 1, 2, 3, 5, 10, 12))
            tail = [rng.choice((1, 2, 3)), "Local partner", "National", note, fat, ""]
            w.writerow([*head, *actors, "State forces-Civilians", "", iso, *place, *tail, i])


if __name__ == "__main__":
    main()
