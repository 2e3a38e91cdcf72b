//! UCDP Dyadic, BRD, Non-State and One-sided: loaders, registry entries and the counting units
//! built on them, checked against the raw CSV files read independently with the `csv` crate.

use conflictstats::count::{Datasets, count_embedded, count_in};
use conflictstats::data::{
    Acd, BattleDeaths, Dyadic, NonState, OneSided, ReleaseStatus, Sources, registry,
};
use conflictstats::model::GwCode;
use conflictstats::{CountSpec, CountUnit, Error, count};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

fn data(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../data")
        .join(path)
}

/// Rows per year of a raw UCDP CSV, read without the library.
fn rows_per_year(path: &str) -> BTreeMap<i32, u32> {
    let mut rdr = csv::Reader::from_path(data(path)).unwrap();
    let year = rdr
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "year")
        .unwrap();
    let mut out = BTreeMap::new();
    for rec in rdr.records() {
        let y: i32 = rec.unwrap()[year].trim().parse().unwrap();
        *out.entry(y).or_insert(0) += 1;
    }
    out
}

fn counts(unit: CountUnit, version: Option<&str>) -> BTreeMap<i32, u32> {
    count_embedded(&CountSpec::new(unit), version)
        .unwrap()
        .rows
        .iter()
        .map(|r| (r.year, r.count))
        .collect()
}

#[test]
fn registry_entries_match_the_files() {
    for (name, version, rows, years) in [
        ("ucdp-dyadic", "25.1", 3432, (1946, 2024)),
        ("ucdp-dyadic", "24.1", 3357, (1946, 2023)),
        ("ucdp-brd", "25.1", 1586, (1989, 2024)),
        ("ucdp-brd", "24.1", 1920, (1989, 2023)),
        ("ucdp-nonstate", "25.1", 1720, (1989, 2024)),
        ("ucdp-onesided", "25.1", 1330, (1989, 2024)),
        ("ucdp-nonstate", "24.1", 1639, (1989, 2023)),
        ("ucdp-nonstate", "23.1", 1542, (1989, 2022)),
        ("ucdp-onesided", "24.1", 1262, (1989, 2023)),
        ("ucdp-onesided", "23.1", 1191, (1989, 2022)),
    ] {
        let e = registry::find(name, Some(version)).unwrap();
        assert_eq!((e.rows, e.years), (rows, years), "{name} {version}");
        assert_eq!(e.licence, "CC BY 4.0");
        assert!(e.citation.contains("Journal of Peace Research") && e.bibtex.contains("@article"));
        let raw = std::fs::read(data(e.file_name)).unwrap();
        assert_eq!(registry::sha256_hex(&raw), e.sha256, "{name} {version}");
        let per_year = rows_per_year(e.file_name);
        assert_eq!(per_year.values().sum::<u32>() as usize, rows);
        assert_eq!(
            (
                *per_year.keys().next().unwrap(),
                *per_year.keys().last().unwrap()
            ),
            years
        );
    }
}

#[test]
fn every_release_loads_with_its_quirks() {
    for (version, rows) in [("24.1", 3357), ("25.1", 3432)] {
        let dy = Dyadic::embedded(Some(version)).unwrap();
        assert_eq!(dy.records.len(), rows);
        // "651,  645,  663,  660,  652" (double spaces) is read as five states.
        assert!(dy.records.iter().any(|r| r.gwno_a.len() == 5), "{version}");
        assert!(
            dy.records.iter().any(|r| r.side_b.ends_with(' ')),
            "{version}"
        );
    }
    let brd = BattleDeaths::embedded(Some("24.1")).unwrap();
    assert_eq!(brd.records.len(), 1920);
    // Published estimates are kept even where they are not ordered low ≤ best ≤ high.
    assert!(
        brd.records
            .iter()
            .any(|r| !(r.bd_low <= r.bd_best && r.bd_best <= r.bd_high))
    );
    let ns23 = NonState::embedded(Some("23.1")).unwrap();
    // 1,546 physical lines (header + embedded newlines) for 1,542 records.
    let raw = std::fs::read_to_string(data("ucdp-nonstate/Nonstate_v23_1.csv")).unwrap();
    assert_eq!(raw.lines().count(), 1546);
    assert_eq!(ns23.records.len(), 1542);
    assert!(ns23.records.iter().any(|r| {
        [
            &r.side_a_name,
            &r.side_b_name,
            &r.side_a_name_fulltext,
            &r.side_b_name_fulltext,
        ]
        .iter()
        .any(|s| s.contains('\n'))
    }));
    for version in ["24.1", "25.1"] {
        let ns = NonState::embedded(Some(version)).unwrap();
        assert_eq!(ns.provenance.status, ReleaseStatus::Embedded);
        // Supporting states: a name in side_*_2nd always comes with a code in gwno_*_2nd.
        for r in &ns.records {
            assert_eq!(r.side_a_2nd.is_empty(), r.gwno_a_2nd.is_empty());
            assert_eq!(r.side_b_2nd.is_empty(), r.gwno_b_2nd.is_empty());
        }
    }
    let os23 = OneSided::embedded(Some("23.1")).unwrap();
    assert!(
        os23.records
            .iter()
            .any(|r| r.actor_name_mothertongue.contains("Имарат Кавказ"))
    );
    let os24 = OneSided::embedded(Some("24.1")).unwrap();
    // v24.1: government coalitions have an empty gwnoa.
    assert!(
        os24.records
            .iter()
            .any(|r| r.is_government_actor && r.gwnoa.is_empty())
    );
    assert!(
        os24.records
            .iter()
            .any(|r| r.actor_name_mothertongue == "n/a")
    );
}

#[test]
fn onesided_v25_1_coalition_gwnoa_is_a_list() {
    let os = OneSided::embedded(Some("25.1")).unwrap();
    let lists: Vec<_> = os.records.iter().filter(|r| r.gwnoa.len() > 1).collect();
    assert_eq!(lists.len(), 1);
    let r = lists[0];
    assert_eq!((r.actor_id.0, r.year), (9249, 2024));
    assert_eq!(r.gwnoa, vec![GwCode(432), GwCode(365)]);
    assert_eq!(
        r.coalition_components
            .iter()
            .map(|a| a.0)
            .collect::<Vec<_>>(),
        [72, 57]
    );
    // The raw file (line 627) holds the list as written.
    let raw = std::fs::read_to_string(data("ucdp-onesided/OneSided_v25_1.csv")).unwrap();
    assert!(raw.contains("\"432, 365\""));
    // It is counted once, as an actor, in its region.
    let t = count_embedded(
        &CountSpec::new(CountUnit::OnesidedActor).years(2024, 2024),
        Some("25.1"),
    )
    .unwrap();
    assert_eq!(t.total(2024), Some(49));
}

/// A v25.1 Non-State file as a user converting UCDP's xlsx gets it: a `gwno_b_2nd` list stored
/// as a number (`2,696,670` → `2696670`). It is an error naming the damage, never a guess.
#[test]
fn nonstate_v25_1_spreadsheet_number_in_a_gw_list_is_a_typed_error() {
    let raw = std::fs::read_to_string(data("ucdp-nonstate/NonState_v25_1.csv")).unwrap();
    assert!(raw.contains("\"2, 696, 670\"") || raw.contains("\"2,696,670\""));
    let damaged =
        raw.replacen("\"2, 696, 670\"", "2696670", 1)
            .replacen("\"2,696,670\"", "2696670", 1);
    let line = 1 + damaged[..damaged.find("2696670").unwrap()]
        .matches('\n')
        .count() as u64;
    let err = NonState::from_bytes("xlsx.csv", damaged.as_bytes()).unwrap_err();
    match &err {
        Error::SpreadsheetNumber {
            column,
            value,
            probable,
            ..
        } => {
            assert_eq!(
                (column.as_str(), value.as_str(), probable.as_str()),
                ("gwno_b_2nd", "2696670", "2, 696, 670")
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(err.kind(), conflictstats::ErrorKind::Parse);
    assert_eq!(err.line(), Some(line));
    let msg = err.to_string();
    assert!(
        msg.contains("thousands separators") && msg.contains("UCDP's CSV download"),
        "{msg}"
    );
    // The same rule in every loader that reads G&W lists (here the ACD's gwno_loc).
    let acd = std::fs::read_to_string(data("ucdp-acd/UcdpPrioConflict_v25_1.csv")).unwrap();
    let damaged = acd.replacen("\"365, 369\"", "365369", 1);
    let err = Acd::from_bytes("acd.csv", damaged.as_bytes()).unwrap_err();
    assert!(
        matches!(&err, Error::SpreadsheetNumber { probable, .. } if probable == "365, 369"),
        "{err}"
    );
}

#[test]
fn a_file_identical_to_a_release_is_recognised_and_an_edit_is_not() {
    let raw = std::fs::read(data("ucdp-onesided/OneSided_v23_1.csv")).unwrap();
    let os = OneSided::from_bytes("copy.csv", &raw).unwrap();
    assert_eq!(os.provenance.status, ReleaseStatus::Official);
    let edited =
        String::from_utf8(raw)
            .unwrap()
            .replacen("\"58\",\"58\",\"60\"", "\"59\",\"58\",\"60\"", 1);
    let os = OneSided::from_bytes("edited.csv", edited.as_bytes()).unwrap();
    assert_eq!(os.provenance.status, ReleaseStatus::Modified);
}

#[test]
fn duplicate_and_bad_rows_are_typed_errors_with_locations() {
    let raw = std::fs::read_to_string(data("ucdp-nonstate/NonState_v24_1.api.csv")).unwrap();
    let mut lines = raw.lines();
    let header = lines.next().unwrap();
    let first = lines.next().unwrap();
    let twice = format!("{header}\n{first}\n{first}\n");
    match NonState::from_bytes("twice.csv", twice.as_bytes()) {
        Err(Error::DuplicateRecord {
            line,
            first_line,
            key,
            ..
        }) => {
            assert_eq!((line, first_line), (3, 2));
            assert!(
                key.contains("conflict_id 10066") && key.contains("1998"),
                "{key}"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    let bad_org = format!("{header}\n{}\n", first.replacen(",1,Hizb", ",7,Hizb", 1));
    let err = NonState::from_bytes("org.csv", bad_org.as_bytes()).unwrap_err();
    assert_eq!(
        (err.line(), err.column(), err.value()),
        (Some(2), Some("org"), Some("7"))
    );
    let raw = std::fs::read_to_string(data("ucdp-brd/BattleDeaths_v24_1.csv")).unwrap();
    let truncated: String =
        raw.lines().take(3).collect::<Vec<_>>().join("\n") + "\n\"11342\",\"11971\"\n";
    let err = BattleDeaths::from_bytes("cut.csv", truncated.as_bytes()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::FieldCount {
                line: 4,
                found: 2,
                ..
            }
        ),
        "{err}"
    );
    let neg = raw.replacen("\"27\",\"23\",\"27\"", "\"-27\",\"23\",\"27\"", 1);
    let err = BattleDeaths::from_bytes("neg.csv", neg.as_bytes()).unwrap_err();
    assert_eq!((err.line(), err.column()), (Some(2), Some("bd_best")));
}

#[test]
fn dyad_nonstate_and_onesided_counts_equal_rows_per_year() {
    // Keys are unique per (dyad_id | conflict_id | actor_id, year), so per-year counts equal the
    // raw files' rows per year, every year.
    for (unit, file, version) in [
        (
            CountUnit::Dyad,
            "ucdp-dyadic/ucdp-dyadic-251.csv",
            Some("25.1"),
        ),
        (
            CountUnit::Dyad,
            "ucdp-dyadic/Dyadic_v24_1.csv",
            Some("24.1"),
        ),
        (
            CountUnit::NonstateConflict,
            "ucdp-nonstate/NonState_v25_1.csv",
            Some("25.1"),
        ),
        (
            CountUnit::NonstateConflict,
            "ucdp-nonstate/NonState_v24_1.api.csv",
            Some("24.1"),
        ),
        (
            CountUnit::NonstateConflict,
            "ucdp-nonstate/Nonstate_v23_1.csv",
            Some("23.1"),
        ),
        (
            CountUnit::OnesidedActor,
            "ucdp-onesided/OneSided_v25_1.csv",
            Some("25.1"),
        ),
        (
            CountUnit::OnesidedActor,
            "ucdp-onesided/OneSided_v24_1.api.csv",
            Some("24.1"),
        ),
        (
            CountUnit::OnesidedActor,
            "ucdp-onesided/OneSided_v23_1.csv",
            Some("23.1"),
        ),
    ] {
        assert_eq!(counts(unit, version), rows_per_year(file), "{unit} {file}");
    }
    let dy = counts(CountUnit::Dyad, Some("24.1"));
    assert_eq!(
        (dy[&2023], dy[&2022], dy[&2009], dy[&1994]),
        (68, 66, 47, 60)
    );
    let ns = counts(CountUnit::NonstateConflict, Some("24.1"));
    assert_eq!(
        (ns[&2023], ns[&2022], ns[&2008], ns[&1993]),
        (75, 84, 37, 34)
    );
    // v25.1: the figures of the issue and of PRIO's release note.
    let v25 = Some("25.1");
    assert_eq!(counts(CountUnit::Dyad, v25)[&2024], 68);
    let ns = counts(CountUnit::NonstateConflict, v25);
    assert_eq!((ns[&2024], ns[&2023]), (74, 80));
    assert_eq!(counts(CountUnit::OnesidedActor, v25)[&2024], 49);
    assert_eq!(counts(CountUnit::LegalRelationship, v25)[&2024], 142);
}

/// Distinct G&W codes in the four party columns of the raw ACD file, per year (independent of
/// the library).
fn state_parties_raw(path: &str) -> BTreeMap<i32, BTreeSet<u16>> {
    let mut rdr = csv::Reader::from_path(data(path)).unwrap();
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let (year, cols) = (
        col("year"),
        ["gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd"].map(col),
    );
    let mut out: BTreeMap<i32, BTreeSet<u16>> = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let set = out.entry(rec[year].parse().unwrap()).or_default();
        for c in cols {
            for t in rec[c].split(',').map(str::trim).filter(|t| !t.is_empty()) {
                set.insert(t.parse().unwrap());
            }
        }
    }
    out
}

#[test]
fn state_party_counts_every_government_on_either_side() {
    let raw = state_parties_raw("ucdp-acd/UcdpPrioConflict_v25_1.csv");
    let ours = counts(CountUnit::StateParty, Some("25.1"));
    assert_eq!(ours.len(), raw.len());
    for (y, set) in &raw {
        assert_eq!(ours[y] as usize, set.len(), "{y}");
    }
    assert_eq!((ours[&2024], ours[&2023]), (raw[&2024].len() as u32, 95));
}

#[test]
fn state_party_by_hand_on_real_conflict_years() {
    let acd = Acd::embedded(Some("25.1")).unwrap();
    let pick = |keys: &[(u32, i32)]| {
        let mut a = acd.clone();
        a.records
            .retain(|r| keys.contains(&(r.conflict_id.0, r.year)));
        assert_eq!(a.records.len(), keys.len());
        a
    };
    let spec = |y| CountSpec::new(CountUnit::StateParty).years(y, y);
    // 2023, conflict 13243 "Government of Russia (Soviet Union)" vs "Government of Ukraine":
    //   gwno_a 365, gwno_b 369 — Ukraine is a party only on side B.
    // 2023, conflict 299 "Government of Syria" vs "Syrian insurgents": gwno_a 652,
    //   gwno_a_2nd "365, 630" (Russia, Iran), gwno_b_2nd 640 (Turkey) — Turkey takes part
    //   only as a secondary party of side B, Iran only as a secondary party of side A.
    // By hand: {365, 369, 652, 630, 640} = 5 states. Side A only would give {365, 652} = 2.
    let a = pick(&[(13243, 2023), (299, 2023)]);
    assert_eq!(count(&a, &spec(2023)).unwrap().total(2023), Some(5));
    // The location unit differs: 13243's gwno_loc is "365, 369", 299's is 652 — 3 countries.
    assert_eq!(
        count(&a, &CountSpec::new(CountUnit::Country).years(2023, 2023))
            .unwrap()
            .total(2023),
        Some(3)
    );
    // 2024, conflict 14609 "Government of Iran" vs "Government of Israel": gwno_a 630,
    //   gwno_b 666, gwno_b_2nd 2 (United States, secondary on Israel's side).
    // By hand: {630, 666, 2} = 3.
    let a = pick(&[(14609, 2024)]);
    assert_eq!(count(&a, &spec(2024)).unwrap().total(2024), Some(3));
    // 2022, conflict 13324 Kyrgyzstan (703) vs Tajikistan (702, side B only): 2 states.
    let a = pick(&[(13324, 2022)]);
    assert_eq!(count(&a, &spec(2022)).unwrap().total(2022), Some(2));
}

#[test]
fn every_unit_counts_on_the_embedded_data_and_coverage_is_explicit() {
    for version in [None, Some("25.1"), Some("24.1")] {
        let data = Datasets::embedded_for(CountUnit::ALL, version).unwrap();
        for unit in CountUnit::ALL {
            let t = count_in(&data.sources(), &CountSpec::new(*unit)).unwrap();
            assert!(!t.rows.is_empty(), "{unit}");
            assert_eq!(t.dataset.name, unit.default_dataset());
        }
    }
    // The v24.1 Dyadic data end in 2023: 2024 is an error, not a zero.
    let data = Datasets::embedded_for(CountUnit::ALL, Some("24.1")).unwrap();
    let err = count_in(
        &data.sources(),
        &CountSpec::new(CountUnit::Dyad).years(2024, 2024),
    )
    .unwrap_err();
    assert!(err.to_string().contains("1946–2023"), "{err}");
    // Persistence is for legal_relationship only; type filters do not apply to non-state units.
    assert!(
        count_in(
            &data.sources(),
            &CountSpec::new(CountUnit::Dyad).persistence(2)
        )
        .is_err()
    );
    let mut s = CountSpec::new(CountUnit::NonstateConflict);
    s.filters.types = vec![conflictstats::model::TypeOfConflict::Intrastate];
    assert!(count_in(&data.sources(), &s).is_err());
}

#[test]
fn legal_relationship_v25_1_and_v24_1_with_persistence_match_the_raw_files() {
    for release in [&crate::raw::V25_1, &crate::raw::V24_1] {
        legal_relationship_matches_the_raw_files(release);
    }
}

fn legal_relationship_matches_the_raw_files(release: &crate::raw::Release) {
    let v = Some(release.version);
    let dy = counts(CountUnit::Dyad, v);
    let ns = counts(CountUnit::NonstateConflict, v);
    let legal = counts(CountUnit::LegalRelationship, v);
    assert_eq!(legal.keys().next(), Some(&1989));
    for (y, c) in &legal {
        assert_eq!(*c, dy[y] + ns[y], "{y}");
    }
    // p counts each relationship in t..=t+p: every covered year equals the distinct dyads and
    // non-state conflicts active in t-p..=t, counted from the raw files
    // (`raw::legal_relationships`); coverage starts at 1989 + p.
    for p in [0u32, 1, 2, 3, 5] {
        let ours: BTreeMap<i32, usize> = count_embedded(
            &CountSpec::new(CountUnit::LegalRelationship).persistence(p),
            v,
        )
        .unwrap()
        .rows
        .iter()
        .map(|r| (r.year, r.count as usize))
        .collect();
        let want = crate::raw::legal_relationships(release, p as i32);
        assert_eq!(ours.keys().next(), Some(&(1989 + p as i32)), "p={p}");
        assert_eq!(ours, want, "{} p={p}", release.version);
    }
}

/// `legal_relationship` from two user files (Dyadic and Non-State), resolved by `Sources`:
/// the same counts as the embedded release whose bytes they are, and their provenance.
#[test]
fn legal_relationship_v25_1_from_two_user_files() {
    let dir = std::env::temp_dir().join(format!("cs-legal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (dy, ns) = (dir.join("my_dyadic.csv"), dir.join("my_nonstate.csv"));
    std::fs::copy(data("ucdp-dyadic/ucdp-dyadic-251.csv"), &dy).unwrap();
    std::fs::copy(data("ucdp-nonstate/NonState_v25_1.csv"), &ns).unwrap();
    let sources = Sources::embedded(Some("24.1")) // the files win over the version
        .with_file("ucdp-dyadic", &dy)
        .unwrap()
        .with_file("ucdp-nonstate", &ns)
        .unwrap();
    let data = Datasets::load_for(&[CountUnit::LegalRelationship], &sources).unwrap();
    let spec = CountSpec::new(CountUnit::LegalRelationship).years(2023, 2024);
    let t = count_in(&data.sources(), &spec).unwrap();
    assert_eq!(
        (t.total(2023), t.total(2024)),
        (
            Some(counts(CountUnit::Dyad, Some("25.1"))[&2023] + 80),
            Some(142)
        )
    );
    let sources_of = [&t.dataset, &t.other_datasets[0]];
    for (p, file) in sources_of.iter().zip([&dy, &ns]) {
        assert_eq!(p.source, file.display().to_string());
        assert_eq!(p.status, ReleaseStatus::Official);
        assert_eq!(p.version, "25.1");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
