//! Map-level tests on real data (every release pinned in the test).

use super::*;
use crate::data::{Acd, Brd, GwStates};
use crate::panel::{PanelSpec, Role, state_year};
use crate::{CountSpec, CountUnit, count};
use std::collections::BTreeSet;

fn conflicts_map(version: &str, year: i32, role: Role) -> Map {
    let acd = Acd::embedded(Some(version)).unwrap();
    let spec = PanelSpec::default()
        .years(year, year)
        .role(role)
        .microstates(true);
    let panel = state_year(&GwStates::embedded(None).unwrap(), &acd, &spec).unwrap();
    let v = values_from_panel(&panel, Measure::Conflicts, (year, year), Aggregate::Sum).unwrap();
    country_map(v).unwrap()
}

#[test]
fn acd_26_1_2025_coloured_and_listed_states_are_count_country() {
    let map = conflicts_map("26.1", 2025, Role::Location);
    let acd = Acd::embedded(Some("26.1")).unwrap();
    let n = count(&acd, &CountSpec::new(CountUnit::Country).years(2025, 2025))
        .unwrap()
        .total(2025)
        .unwrap();
    let positive: BTreeSet<u16> = map
        .values
        .states
        .iter()
        .filter(|s| s.value > Some(0.0))
        .map(|s| s.gwcode.0)
        .collect();
    assert_eq!(positive.len() as u32, n);
    let coloured: BTreeSet<u16> = map
        .join
        .with_status(OutlineStatus::Value)
        .filter(|o| o.value > Some(0.0))
        .filter_map(|o| o.gwcode.map(|g| g.0))
        .collect();
    let listed: BTreeSet<u16> = map
        .join
        .states_without_outline
        .iter()
        .filter(|s| s.value > Some(0.0))
        .map(|s| s.gwcode.0)
        .collect();
    assert_eq!(&coloured | &listed, positive, "none lost in the join");
    // Grey outlines: the 8 outlines with no G&W state; none missing in a covered year.
    let missing: Vec<&str> = map
        .join
        .with_status(OutlineStatus::Missing)
        .map(|o| o.outline_name.as_str())
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
    let (value, missing, no_state) = map.status_counts();
    assert_eq!((value + missing + no_state, missing, no_state), (177, 0, 8));
    // Every value of the data is in a class (states without outline included).
    for s in &map.values.states {
        assert!(map.classes.index(s.value.unwrap()).is_some(), "{s:?}");
    }
    assert!(
        map.title.contains("2025") && map.title.contains("ucdp-acd v26.1"),
        "{}",
        map.title
    );
    assert!(map.source.contains("Made with Natural Earth"));
}

#[test]
fn svg_has_one_path_per_outline_and_balanced_tags() {
    let map = conflicts_map("26.1", 2025, Role::Location);
    let svg = to_svg(&map);
    assert_eq!(svg.matches("<path class=\"outline\"").count(), 177);
    assert_eq!(svg.matches("<path").count(), 177 + 2); // + frame + hatch pattern
    // Well-formed: every element closed, properly nested (attribute values hold no `<` or
    // `>`: they are escaped).
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = svg.as_str();
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>').expect("unclosed tag");
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "</{name}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap());
        }
    }
    assert!(stack.is_empty(), "{stack:?}");
    assert!(!svg.contains("NaN"));
}

#[test]
fn geojson_structure_and_values_acd_26_1_2025() {
    let map = conflicts_map("26.1", 2025, Role::Location);
    let g = to_geojson(&map);
    assert_eq!(g["type"], "FeatureCollection");
    let features = g["features"].as_array().unwrap();
    assert_eq!(features.len(), 177);
    for f in features {
        assert_eq!(f["type"], "Feature");
        let kind = f["geometry"]["type"].as_str().unwrap();
        let coords = f["geometry"]["coordinates"].as_array().unwrap();
        let polygons: Vec<&serde_json::Value> = match kind {
            "Polygon" => vec![&f["geometry"]["coordinates"]],
            "MultiPolygon" => coords.iter().collect(),
            other => panic!("{other}"),
        };
        for p in polygons {
            for ring in p.as_array().unwrap() {
                let pts = ring.as_array().unwrap();
                assert!(pts.len() >= 4 && pts.first() == pts.last());
            }
        }
        let status = f["properties"]["status"].as_str().unwrap();
        assert_eq!(status == "value", f["properties"]["value"].is_number());
    }
    let positive = features
        .iter()
        .filter(|f| f["properties"]["value"].as_f64() > Some(0.0))
        .filter_map(|f| f["properties"]["gwcode"].as_u64())
        .collect::<BTreeSet<_>>()
        .len();
    let listed = g["conflictstats"]["states_without_outline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["value"].as_f64() > Some(0.0))
        .count();
    let acd = Acd::embedded(Some("26.1")).unwrap();
    let n = count(&acd, &CountSpec::new(CountUnit::Country).years(2025, 2025))
        .unwrap()
        .total(2025)
        .unwrap();
    assert_eq!((positive + listed) as u32, n);
    assert_eq!(g["conflictstats"]["sources"][0]["version"], "26.1");
}

#[test]
fn a_map_of_1985_states_todays_borders_and_greys_the_successors() {
    let map = conflicts_map("25.1", 1985, Role::Location);
    assert!(
        map.join
            .caveat
            .as_deref()
            .unwrap()
            .contains("Today's borders")
    );
    let ukraine = map
        .join
        .outlines
        .iter()
        .find(|o| o.outline_name == "Ukraine")
        .unwrap();
    assert_eq!(ukraine.status, OutlineStatus::NoState);
    let svg = to_svg(&map);
    assert!(svg.contains("Today&apos;s borders"));
}

#[test]
fn deaths_range_and_difference_brd_25_1() {
    let gw = GwStates::embedded(None).unwrap();
    let acd = Acd::embedded(Some("25.1")).unwrap();
    let panel = state_year(&gw, &acd, &PanelSpec::default().years(2020, 2024)).unwrap();
    let brd = Brd::embedded(Some("25.1")).unwrap();
    let d = values_from_deaths(&panel, &brd, (2022, 2022), Aggregate::Sum).unwrap();
    let ukraine = d.states.iter().find(|s| s.gwcode.0 == 369).unwrap();
    assert!(ukraine.value.unwrap() > 80_000.0); // BRD v25.1, as in deaths::by_country_year
    let range = values_from_deaths(&panel, &brd, (2020, 2024), Aggregate::Max).unwrap();
    let r = range.states.iter().find(|s| s.gwcode.0 == 369).unwrap();
    assert!(r.value >= ukraine.value);
    let later = values_from_deaths(&panel, &brd, (2024, 2024), Aggregate::Sum).unwrap();
    let diff = difference(&later, &d).unwrap();
    assert_eq!(diff.minus.as_deref(), Some("2022"));
    let map = country_map(diff).unwrap();
    assert!(
        map.classes.classes.first().unwrap().upper < 0.0,
        "diverging classes"
    );
    assert!(map.values.unit().starts_with("change in"));
    let panel25 = state_year(&gw, &acd, &PanelSpec::default().years(2025, 2025));
    assert!(
        panel25.is_err()
            || values_from_deaths(&panel25.unwrap(), &brd, (2025, 2025), Aggregate::Sum).is_err()
    );
}
