//! PRIO-GRID cells: the 0.5° × 0.5° grid of Tollefsen, Strand & Buhaug (2012) on which GED
//! events carry a `priogrid_gid`. The cells are computed from the id, not shipped.
//!
//! The grid has 360 rows (from the south pole) and 720 columns (from 180° W); ids run row by
//! row from 1 at the south-west corner: `gid = row · 720 + col + 1`.
//!
//! ```
//! use conflictstats::geo::priogrid::{cell, gid_of};
//!
//! let c = cell(1).unwrap();
//! assert_eq!((c.west, c.south, c.east, c.north), (-180.0, -90.0, -179.5, -89.5));
//! assert_eq!(gid_of(-179.9, -89.9), Some(1));
//! assert_eq!(gid_of(179.9, 89.9), Some(259_200));
//! assert!(cell(0).is_none() && cell(259_201).is_none());
//! ```

use serde::Serialize;

/// Cell size in degrees.
pub const SIZE: f64 = 0.5;
const COLUMNS: u32 = 720;
const CELLS: u32 = 360 * COLUMNS;

/// One cell's bounds in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cell {
    /// The id.
    pub gid: u32,
    /// Western edge (longitude).
    pub west: f64,
    /// Southern edge (latitude).
    pub south: f64,
    /// Eastern edge.
    pub east: f64,
    /// Northern edge.
    pub north: f64,
}

impl Cell {
    /// The cell as a closed ring of `[lon, lat]` points, each side densified (a cell's
    /// edges are parallels and meridians, curved in Equal Earth only slightly at 0.5°).
    #[must_use]
    pub fn ring(&self) -> Vec<[f64; 2]> {
        vec![
            [self.west, self.south],
            [self.east, self.south],
            [self.east, self.north],
            [self.west, self.north],
            [self.west, self.south],
        ]
    }
}

/// The cell of `gid` (`None`: not a PRIO-GRID id, 1..=259 200).
#[must_use]
pub fn cell(gid: u32) -> Option<Cell> {
    if gid == 0 || gid > CELLS {
        return None;
    }
    let row = (gid - 1) / COLUMNS;
    let col = (gid - 1) % COLUMNS;
    let west = -180.0 + f64::from(col) * SIZE;
    let south = -90.0 + f64::from(row) * SIZE;
    Some(Cell {
        gid,
        west,
        south,
        east: west + SIZE,
        north: south + SIZE,
    })
}

/// The id of the cell holding a point (`None`: outside −180…180, −90…90).
#[must_use]
pub fn gid_of(lon: f64, lat: f64) -> Option<u32> {
    if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return None;
    }
    // The east and north edges belong to the last column and row.
    let col = (((lon + 180.0) / SIZE).floor() as u32).min(COLUMNS - 1);
    let row = (((lat + 90.0) / SIZE).floor() as u32).min(359);
    Some(row * COLUMNS + col + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Ged;

    #[test]
    fn every_ged_sample_event_lies_in_its_cell() {
        // GED 23.1 sample: the computed cell of each event's id holds its coordinates.
        let ged = Ged::embedded(Some("23.1")).unwrap();
        let e = &ged.events;
        let mut checked = 0;
        for i in 0..e.priogrid_gid.len() {
            let c = cell(e.priogrid_gid[i]).unwrap();
            let (lon, lat) = (e.longitude[i], e.latitude[i]);
            assert!(
                c.west <= lon && lon <= c.east && c.south <= lat && lat <= c.north,
                "event {i}: ({lon}, {lat}) outside cell {c:?}"
            );
            checked += 1;
        }
        assert_eq!(checked, 1000);
    }
}
