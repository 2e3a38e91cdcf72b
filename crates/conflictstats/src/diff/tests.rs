use super::*;
use crate::error::{Error, ErrorKind};

fn data(path: &str) -> Source {
    Source::File(format!("{}/../../data/{path}", env!("CARGO_MANIFEST_DIR")).into())
}

fn release(v: &str) -> Source {
    Source::Embedded(Some(v.to_string()))
}

const ACD_26_1: &str = "ucdp-acd/UcdpPrioConflict_v26_1.csv";

fn keys(records: &[KeyedRecord]) -> Vec<Vec<i64>> {
    records.iter().map(|r| r.order.clone()).collect()
}

#[test]
fn acd_v25_1_to_v26_1_shows_the_revisions_source_md_lists() {
    let d = diff(&DiffSpec::new(
        DatasetId::Acd,
        release("25.1"),
        data(ACD_26_1),
    ))
    .unwrap();
    assert_eq!(d.record, "conflict-year");
    assert_eq!(d.old.version, "25.1");
    assert_eq!(d.new.version, "26.1");
    assert_eq!(
        keys(&d.only_in_old),
        [vec![375, 2001], vec![14197, 2024], vec![16379, 2024]]
    );
    let (new_years, revised): (Vec<_>, Vec<_>) =
        d.only_in_new.iter().partition(|r| r.year == Some(2025));
    assert_eq!(new_years.len(), 65);
    let revised: Vec<Vec<i64>> = revised.iter().map(|r| r.order.clone()).collect();
    assert_eq!(revised, [vec![230, 2008], vec![289, 2017]]);
    assert_eq!(
        (d.old_years, d.new_years),
        (Some((1946, 2024)), Some((1946, 2025)))
    );
    // The release column is a release-level fact, never a change of a record.
    assert!(d.changes.iter().all(|c| c.field != "version"));
    let rc = d.release_column.as_ref().unwrap();
    assert_eq!(
        (rc.column, rc.old.as_str(), rc.new.as_str()),
        ("version", "25.1", "26.1")
    );
    let counts = d.counts.as_ref().unwrap();
    assert_eq!(counts.unit, CountUnit::Conflict);
    let differing: Vec<YearCounts> = counts.differing().copied().collect();
    let row = |year, old, new, difference| YearCounts {
        year,
        old,
        new,
        difference,
    };
    assert!(
        differing.contains(&row(2024, Some(61), Some(59), Some(-2))),
        "{differing:?}"
    );
    assert!(
        differing.contains(&row(2025, None, Some(65), None)),
        "{differing:?}"
    );
    // Key order, then field order: deterministic whatever the files' order.
    assert!(d.changes.windows(2).all(|w| w[0].order <= w[1].order));
    // Every changed record has at least one change; none is counted twice.
    let mut changed: Vec<&Vec<i64>> = d.changes.iter().map(|c| &c.order).collect();
    changed.dedup();
    assert_eq!(changed.len(), d.changed_records);
}

#[test]
fn the_same_release_twice_is_an_empty_diff_not_an_error() {
    let d = diff(&DiffSpec::new(
        DatasetId::Acd,
        release("25.1"),
        release("25.1"),
    ))
    .unwrap();
    assert!(d.is_empty());
    assert_eq!(d.changed_records, 0);
    assert!(d.counts.as_ref().unwrap().differing().next().is_none());
    assert!(d.rows().is_empty());
    let text = d.to_string();
    assert!(text.contains("No record differs"), "{text}");
    assert!(text.contains("FROM v25.1 → TO v25.1"), "{text}");
}

#[test]
fn the_api_layout_and_the_download_layout_compare_as_one_dataset() {
    // ACD v24.1 is embedded in the API layout; the same file read from disk is identical.
    let same = diff(&DiffSpec::new(
        DatasetId::Acd,
        release("24.1"),
        data("ucdp-acd/UcdpPrioConflict_v24_1.api.csv"),
    ))
    .unwrap();
    assert!(same.is_empty());
    assert_eq!(same.new.status, crate::data::ReleaseStatus::Official);
    let d = diff(&DiffSpec::new(
        DatasetId::Acd,
        release("24.1"),
        release("25.1"),
    ))
    .unwrap();
    assert_eq!((d.old_records, d.new_records), (2686, 2752));
}

#[test]
fn reversing_the_sides_swaps_what_is_only_in_one() {
    let a = diff(&DiffSpec::new(
        DatasetId::Acd,
        release("25.1"),
        data(ACD_26_1),
    ))
    .unwrap();
    let b = diff(&DiffSpec::new(
        DatasetId::Acd,
        data(ACD_26_1),
        release("25.1"),
    ))
    .unwrap();
    assert_eq!(keys(&a.only_in_old), keys(&b.only_in_new));
    assert_eq!(keys(&a.only_in_new), keys(&b.only_in_old));
    assert_eq!(a.changes.len(), b.changes.len());
    assert!(
        a.changes
            .iter()
            .zip(&b.changes)
            .all(|(x, y)| x.field == y.field && x.old == y.new && x.new == y.old)
    );
}

#[test]
fn every_ucdp_dataset_is_keyed_from_the_record_table() {
    for (id, unit, record) in [
        (DatasetId::Dyadic, Some(CountUnit::Dyad), "dyad-year"),
        (
            DatasetId::NonState,
            Some(CountUnit::NonstateConflict),
            "conflict-year",
        ),
        (
            DatasetId::OneSided,
            Some(CountUnit::OnesidedActor),
            "actor-year",
        ),
    ] {
        let d = diff(&DiffSpec::new(id, release("24.1"), release("25.1"))).unwrap();
        assert_eq!(d.record, record, "{id}");
        assert_eq!(d.counts.as_ref().map(|c| c.unit), unit, "{id}");
        assert!(d.changes.iter().all(|c| c.field != "version"), "{id}");
    }
    let brd = diff(&DiffSpec::new(
        DatasetId::Brd,
        release("25.1"),
        release("25.1"),
    ))
    .unwrap();
    assert!(brd.is_empty() && brd.counts.is_none());
    let ged = diff(&DiffSpec::new(
        DatasetId::Ged,
        release("23.1"),
        release("23.1"),
    ))
    .unwrap();
    assert_eq!((ged.record, ged.key), ("event", &["id"][..]));
    assert!(ged.is_empty() && ged.release_column.is_none());
}

#[test]
fn bad_inputs_are_typed_errors() {
    // A file of another dataset: the ACD loader names the missing column.
    let dyadic = data("ucdp-dyadic/ucdp-dyadic-251.csv");
    let err = diff(&DiffSpec::new(DatasetId::Acd, release("25.1"), dyadic)).unwrap_err();
    assert!(matches!(err, Error::MissingColumn { .. }), "{err}");
    // An unknown release names the available ones.
    let err = diff(&DiffSpec::new(
        DatasetId::Acd,
        release("25.1"),
        release("19.1"),
    ))
    .unwrap_err();
    assert!(matches!(err, Error::UnknownDataset { .. }), "{err}");
    // The dyad-level and conflict-level BRD do not match record for record.
    let err = diff(&DiffSpec::new(
        DatasetId::Brd,
        release("24.1"),
        release("25.1"),
    ))
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Dataset);
    let msg = err.to_string();
    assert!(
        msg.contains("dyad-year") && msg.contains("conflict-year"),
        "{msg}"
    );
    // A unit computed from other data.
    let spec =
        DiffSpec::new(DatasetId::Acd, release("25.1"), release("25.1")).unit(CountUnit::Dyad);
    let err = diff(&spec).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Spec);
    assert!(
        err.to_string().contains("conflict, country, state_party"),
        "{err}"
    );
    let spec = DiffSpec::new(DatasetId::Dyadic, release("25.1"), release("25.1"))
        .unit(CountUnit::LegalRelationship);
    assert!(
        diff(&spec)
            .unwrap_err()
            .to_string()
            .contains("ucdp-dyadic + ucdp-nonstate")
    );
    // The G&W list has no keyed records.
    let err = diff(&DiffSpec::new(
        DatasetId::GwStates,
        Source::Embedded(None),
        Source::Embedded(None),
    ))
    .unwrap_err();
    assert!(err.to_string().contains("no keyed records"), "{err}");
}

#[test]
fn another_unit_counts_its_own_column() {
    let spec =
        DiffSpec::new(DatasetId::Acd, release("25.1"), data(ACD_26_1)).unit(CountUnit::Country);
    let d = diff(&spec).unwrap();
    let c = d.counts.as_ref().unwrap();
    assert_eq!((c.unit, c.column), (CountUnit::Country, "countries"));
    let rows = d.rows();
    assert!(
        rows.iter()
            .any(|r| r.change == "count" && r.field.as_deref() == Some("countries"))
    );
}

#[test]
fn csv_rows_name_the_key_columns_and_render_values_one_way() {
    let d = diff(&DiffSpec::new(
        DatasetId::Acd,
        release("25.1"),
        data(ACD_26_1),
    ))
    .unwrap();
    let csv = d.to_csv();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("change,conflict_id,year,field,old,new,difference")
    );
    assert_eq!(lines.next(), Some("only_in_old,375,2001,,,,"));
    assert!(csv.contains("\ncount,,2024,conflicts,61,59,-2\n"), "{csv}");
    assert!(csv.contains("\ncount,,2025,conflicts,,65,\n"), "{csv}");
    let text = d.to_string();
    assert!(
        text.contains("2025: 65 records, a year v25.1 does not cover"),
        "{text}"
    );
    assert!(text.contains("conflict_id 230, year 2008"), "{text}");
}

#[test]
fn a_header_only_file_is_every_record_only_in_the_other_and_never_vunknown() {
    let d = diff(&DiffSpec::new(
        DatasetId::Acd,
        release("25.1"),
        Source::File(
            format!(
                "{}/../../tests/bad-inputs/header_only.csv",
                env!("CARGO_MANIFEST_DIR")
            )
            .into(),
        ),
    ))
    .unwrap();
    assert_eq!((d.only_in_old.len(), d.new_records), (2752, 0));
    let counts = d.counts.as_ref().unwrap();
    assert!(
        counts
            .rows
            .iter()
            .all(|r| r.new.is_none() && r.difference.is_none())
    );
    let text = d.to_string();
    assert!(
        text.contains("v25.1 → version unknown") && !text.contains("vunknown"),
        "{text}"
    );
}
