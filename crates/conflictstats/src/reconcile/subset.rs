//! A published figure that counts a subset of state-based conflicts ("13 wars", "8 interstate
//! conflicts"): the `subset` column of `published_figures.csv`, `dimension=group` in the keys of
//! `conflictstats count --by` (`intensity=war`, `type=interstate`, `region=africa`,
//! `incompatibility=territory`). Such a figure is compared with UCDP conflicts counted with
//! that filter only — never with every unit's total.
//!
//! ```
//! use conflictstats::reconcile::subset_filters;
//! use conflictstats::model::Intensity;
//!
//! let f = subset_filters("intensity=war")?;
//! assert_eq!(f.intensities, [Intensity::War]);
//! assert!(subset_filters("intensity=huge").is_err());
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::Dimension;
use crate::count::Filters;
use crate::error::{Error, Result};
use crate::model::{Incompatibility, Intensity, Region, TypeOfConflict};

/// The count filters of a `dimension=group` subset.
///
/// # Errors
/// [`Error::InvalidSpec`] naming what is expected.
pub fn subset_filters(subset: &str) -> Result<Filters> {
    let expected = "dimension=group, e.g. intensity=war or type=interstate";
    let (dim, group) = subset
        .split_once('=')
        .ok_or_else(|| Error::spec(format!("subset `{subset}`: expected {expected}")))?;
    let dim: Dimension = dim.parse()?;
    let bad = |e: crate::model::ParseLabelError| Error::spec(format!("subset `{subset}`: {e}"));
    let mut f = Filters::default();
    match dim {
        Dimension::Type => f.types = vec![group.parse::<TypeOfConflict>().map_err(bad)?],
        Dimension::Intensity => f.intensities = vec![group.parse::<Intensity>().map_err(bad)?],
        Dimension::Incompatibility => {
            f.incompatibilities = vec![group.parse::<Incompatibility>().map_err(bad)?];
        }
        Dimension::Region => f.regions = vec![group.parse::<Region>().map_err(bad)?],
    }
    Ok(f)
}
