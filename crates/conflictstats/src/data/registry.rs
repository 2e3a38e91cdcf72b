//! The registry of datasets compiled into the library.
//!
//! Each entry carries the official name and version, the SHA-256 of the shipped bytes, the
//! licence and the citation its authors ask for. The checksum is verified the first time an
//! entry's bytes are used (once per process), so a corrupted build can never silently produce
//! numbers.
//!
//! ```
//! use conflictstats::data::registry;
//!
//! let acd = registry::find("ucdp-acd", None)?; // the default version
//! assert_eq!(acd.version, "25.1");
//! assert_eq!(acd.licence, "CC BY 4.0");
//! assert!(acd.bytes()?.starts_with(b"conflict_id,location"));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::error::{Error, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::sync::Mutex;

/// Which loader reads a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DatasetKind {
    /// UCDP/PRIO Armed Conflict Dataset (conflict-year).
    Acd,
    /// UCDP Georeferenced Event Dataset (event), read by [`Ged`](super::Ged).
    Ged,
    /// Gleditsch & Ward list of independent states, read by [`GwStates`](super::GwStates).
    GwStates,
    /// The project's G&W ↔ ISO 3166 crosswalk, read by [`Crosswalk`](super::Crosswalk).
    Crosswalk,
    /// ISO 3166-1 numeric → alpha-3 codes (current and withdrawn), read by
    /// [`IsoNumeric`](super::IsoNumeric).
    IsoNumeric,
    /// UCDP Dyadic Dataset (dyad-year), read by [`Dyadic`](super::Dyadic).
    Dyadic,
    /// UCDP Battle-Related Deaths Dataset, dyadic version (dyad-year), read by
    /// [`BattleDeaths`](super::BattleDeaths).
    BattleDeaths,
    /// UCDP Battle-Related Deaths Dataset, conflict-level version (conflict-year), read by
    /// [`BattleDeathsConflict`](super::BattleDeathsConflict).
    BattleDeathsConflict,
    /// UCDP Non-State Conflict Dataset (conflict-year), read by [`NonState`](super::NonState).
    NonState,
    /// UCDP One-sided Violence Dataset (actor-year), read by [`OneSided`](super::OneSided).
    OneSided,
}

/// A dataset compiled into the binary.
#[derive(Debug, Serialize)]
pub struct EmbeddedDataset {
    /// Short name used on the command line and in Python, e.g. `ucdp-acd`.
    pub name: &'static str,
    /// The release, e.g. `25.1`.
    pub version: &'static str,
    /// The official title.
    pub title: &'static str,
    /// Which loader reads it.
    pub kind: DatasetKind,
    /// The shipped file's name under `data/`.
    pub file_name: &'static str,
    /// Number of records (not physical lines).
    pub rows: usize,
    /// First and last year covered.
    pub years: (i32, i32),
    /// SHA-256 of the shipped bytes, lower-case hex.
    pub sha256: &'static str,
    /// Licence of the data.
    pub licence: &'static str,
    /// The citation the data's authors ask for, plain text.
    pub citation: &'static str,
    /// The same citation as BibTeX.
    pub bibtex: &'static str,
    /// Whether this is the version used when none is given.
    pub default: bool,
    #[serde(skip)]
    bytes: &'static [u8],
}

/// SHA-256 values of the entries already verified in this process.
static VERIFIED: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

impl EmbeddedDataset {
    /// The embedded bytes, after verifying their SHA-256 against the registry (once per
    /// process).
    pub fn bytes(&self) -> Result<&'static [u8]> {
        let mut verified = VERIFIED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !verified.contains(&self.sha256) {
            let actual = sha256_hex(self.bytes);
            if actual != self.sha256 {
                return Err(Error::ChecksumMismatch {
                    name: self.name.to_string(),
                    version: self.version.to_string(),
                    expected: self.sha256.to_string(),
                    actual,
                });
            }
            verified.push(self.sha256);
        }
        Ok(self.bytes)
    }

    /// A label for messages: `ucdp-acd v25.1 (embedded)`.
    #[must_use]
    pub fn label(&self) -> String {
        format!("{} v{} (embedded)", self.name, self.version)
    }
}

/// SHA-256 of `bytes` as lower-case hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// A digest as lower-case hex.
pub(crate) fn hex(digest: &[u8]) -> String {
    let mut hex = String::with_capacity(2 * digest.len());
    for b in digest {
        use std::fmt::Write;
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

const ACD_CITATION_25_1: &str = "Gleditsch, Nils Petter; Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg & Håvard Strand (2002) Armed Conflict 1946–2001: A New Dataset. Journal of Peace Research 39(5): 615–637.\n\
Davies, Shawn; Therese Pettersson, Margareta Sollenberg & Magnus Öberg (2025) Organized violence 1989–2024, and the challenges of identifying civilian victims. Journal of Peace Research 62(4): 1223–1240.\n\
Pettersson, Therese (2025) UCDP/PRIO Armed Conflict Dataset Codebook v 25.1. Uppsala Conflict Data Program. https://ucdp.uu.se/downloads/\n\
Data: the UCDP/PRIO Armed Conflict Dataset, version 25.1, CC BY 4.0.";

// DOIs and page ranges in the BibTeX below, verified against stored public pages:
// Gleditsch et al. 2002 (JPR 39(5): 615–637, doi 10.1177/0022343302039005007): the article's
// SAGE front page (dokumen.tips/documents/armed-conflict-1946-2001.html) and IDEAS
// RePEc:sae:joupea:v:39:y:2002:i:5:p:615-637; Sundberg & Melander 2013 (50(4): 523–532,
// doi 10.1177/0022343313484347): EconPapers RePEc:sae:joupea:v:50:y:2013:i:4:p:523-532 and
// bohrium.dp.tech; Davies et al. 2024 (61(4): 673–693, doi 10.1177/00223433241262912):
// IDEAS v61y2024i4p673-693 and x-mol.com; Davies, Pettersson & Öberg 2023 (60(4): 691–708,
// doi 10.1177/00223433231185169): the article's first page (scribd.com document 685004310),
// vlex.co.uk and IDEAS v60y2023i4p691-708; Davies et al. 2025 (62(4): 1223–1240, doi
// 10.1177/00223433251345636): EconPapers RePEc:sae:joupea:v:62:y:2025:i:4:p:1223-1240, booksci.cn
// and prio-data/priogrid's reference pages; Gleditsch & Ward 1999 (25(4): 393–413, doi
// 10.1080/03050629908434958): the countryatlas references and democracyData's README (these give
// the subtitle as "… since the Congress of Vienna"; K. S. Gleditsch's own page gives the title
// used here, "… since 1816"); Sundberg, Eck & Kreutz 2012 (49(2): 351–362, doi
// 10.1177/0022343311431598): scite.ai and the CESSDA data catalogue; Eck & Hultman 2007 (44(2):
// 233–246, doi 10.1177/0022343307075124): the article's first page on vlex.co.uk and
// searchworks; Harbom, Melander & Wallensteen 2008 (45(5): 697–710, doi
// 10.1177/0022343308094331): safetylit.org.
const ACD_BIBTEX_25_1: &str = r#"@article{gleditsch2002armed,
  author  = {Gleditsch, Nils Petter and Wallensteen, Peter and Eriksson, Mikael and Sollenberg, Margareta and Strand, H{\aa}vard},
  title   = {Armed Conflict 1946--2001: A New Dataset},
  journal = {Journal of Peace Research},
  year    = {2002},
  volume  = {39},
  number  = {5},
  pages   = {615--637},
  doi     = {10.1177/0022343302039005007}
}
@article{davies2025organized,
  author  = {Davies, Shawn and Pettersson, Therese and Sollenberg, Margareta and {\"O}berg, Magnus},
  title   = {Organized violence 1989--2024, and the challenges of identifying civilian victims},
  journal = {Journal of Peace Research},
  year    = {2025},
  volume  = {62},
  number  = {4},
  pages   = {1223--1240},
  doi     = {10.1177/00223433251345636}
}
@manual{ucdp_acd_codebook_25_1,
  author       = {Pettersson, Therese},
  title        = {{UCDP/PRIO} Armed Conflict Dataset Codebook v 25.1},
  organization = {Uppsala Conflict Data Program},
  year         = {2025},
  url          = {https://ucdp.uu.se/downloads/}
}"#;

const ACD_CITATION_24_1: &str = "Gleditsch, Nils Petter; Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg & Håvard Strand (2002) Armed Conflict 1946–2001: A New Dataset. Journal of Peace Research 39(5): 615–637.\n\
Davies, Shawn; Garoun Engström, Therese Pettersson & Magnus Öberg (2024) Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4): 673–693.\n\
Data: the UCDP/PRIO Armed Conflict Dataset, version 24.1 (as served by the UCDP API), CC BY 4.0.";

const ACD_BIBTEX_24_1: &str = r#"@article{gleditsch2002armed,
  author  = {Gleditsch, Nils Petter and Wallensteen, Peter and Eriksson, Mikael and Sollenberg, Margareta and Strand, H{\aa}vard},
  title   = {Armed Conflict 1946--2001: A New Dataset},
  journal = {Journal of Peace Research},
  year    = {2002},
  volume  = {39},
  number  = {5},
  pages   = {615--637},
  doi     = {10.1177/0022343302039005007}
}
@article{davies2024organized,
  author  = {Davies, Shawn and Engstr{\"o}m, Garoun and Pettersson, Therese and {\"O}berg, Magnus},
  title   = {Organized violence 1989--2023, and the prevalence of organized crime groups},
  journal = {Journal of Peace Research},
  year    = {2024},
  volume  = {61},
  number  = {4},
  pages   = {673--693},
  doi     = {10.1177/00223433241262912}
}"#;

const GED_CITATION_23_1: &str = "Sundberg, Ralph & Erik Melander (2013) Introducing the UCDP Georeferenced Event Dataset. Journal of Peace Research 50(4): 523–532.\n\
Davies, Shawn; Therese Pettersson & Magnus Öberg (2023) Organized violence 1989–2022, and the return of conflict between states. Journal of Peace Research 60(4): 691–708.\n\
Högbladh, Stina (2023) UCDP GED Codebook version 23.1. Uppsala Conflict Data Program.\n\
Data: a 1,000-event sample of the UCDP Georeferenced Event Dataset (GED) Global version 23.1, as shipped in the R package uncertainUCDP (D. Randahl), CC BY 4.0.";

const GED_BIBTEX_23_1: &str = r#"@article{sundberg2013introducing,
  author  = {Sundberg, Ralph and Melander, Erik},
  title   = {Introducing the {UCDP} Georeferenced Event Dataset},
  journal = {Journal of Peace Research},
  year    = {2013},
  volume  = {50},
  number  = {4},
  pages   = {523--532},
  doi     = {10.1177/0022343313484347}
}
@article{davies2023organized,
  author  = {Davies, Shawn and Pettersson, Therese and {\"O}berg, Magnus},
  title   = {Organized violence 1989--2022, and the return of conflict between states},
  journal = {Journal of Peace Research},
  year    = {2023},
  volume  = {60},
  number  = {4},
  pages   = {691--708},
  doi     = {10.1177/00223433231185169}
}"#;

const GW_CITATION: &str = "Gleditsch, Kristian S. & Michael D. Ward (1999) Interstate System Membership: A Revised List of the Independent States since 1816. International Interactions 25(4): 393–413.\n\
Data: the G&W list of independent states and microstates as packaged in the R package states (A. Beger), data/gwstates.rda, last changed 2021-04-14.";

const GW_BIBTEX: &str = r#"@article{gleditsch1999interstate,
  author  = {Gleditsch, Kristian S. and Ward, Michael D.},
  title   = {Interstate System Membership: A Revised List of the Independent States since 1816},
  journal = {International Interactions},
  year    = {1999},
  volume  = {25},
  number  = {4},
  pages   = {393--413},
  doi     = {10.1080/03050629908434958}
}"#;

const DYADIC_CITATION_24_1: &str = concat!(
    "Harbom, Lotta; Erik Melander & Peter Wallensteen (2008) Dyadic Dimensions of Armed Conflict, 1946–2007. Journal of Peace Research 45(5): 697–710.\n",
    "Davies, Shawn; Garoun Engström, Therese Pettersson & Magnus Öberg (2024) Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4): 673–693.\n",
    "Data: the UCDP Dyadic Dataset, version 24.1, CC BY 4.0."
);

const DYADIC_BIBTEX_24_1: &str = r#"@article{harbom2008dyadic,
  author  = {Harbom, Lotta and Melander, Erik and Wallensteen, Peter},
  title   = {Dyadic Dimensions of Armed Conflict, 1946--2007},
  journal = {Journal of Peace Research},
  year    = {2008},
  volume  = {45},
  number  = {5},
  pages   = {697--710},
  doi     = {10.1177/0022343308094331}
}
@article{davies2024organized,
  author  = {Davies, Shawn and Engstr{\"o}m, Garoun and Pettersson, Therese and {\"O}berg, Magnus},
  title   = {Organized violence 1989--2023, and the prevalence of organized crime groups},
  journal = {Journal of Peace Research},
  year    = {2024},
  volume  = {61},
  number  = {4},
  pages   = {673--693},
  doi     = {10.1177/00223433241262912}
}"#;

const BRD_CITATION_24_1: &str = concat!(
    "Davies, Shawn; Garoun Engström, Therese Pettersson & Magnus Öberg (2024) Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4): 673–693.\n",
    "UCDP Battle-Related Deaths Dataset Codebook v 24.1. Uppsala Conflict Data Program. https://ucdp.uu.se/downloads/\n",
    "Data: the UCDP Battle-Related Deaths Dataset (dyadic version), version 24.1, CC BY 4.0."
);

const BRD_BIBTEX_24_1: &str = r#"@article{davies2024organized,
  author  = {Davies, Shawn and Engstr{\"o}m, Garoun and Pettersson, Therese and {\"O}berg, Magnus},
  title   = {Organized violence 1989--2023, and the prevalence of organized crime groups},
  journal = {Journal of Peace Research},
  year    = {2024},
  volume  = {61},
  number  = {4},
  pages   = {673--693},
  doi     = {10.1177/00223433241262912}
}
@manual{ucdp_brd_codebook_24_1,
  title        = {{UCDP} Battle-Related Deaths Dataset Codebook v 24.1},
  organization = {Uppsala Conflict Data Program},
  year         = {2024},
  url          = {https://ucdp.uu.se/downloads/}
}"#;

const NONSTATE_CITATION_24_1: &str = concat!(
    "Sundberg, Ralph; Kristine Eck & Joakim Kreutz (2012) Introducing the UCDP Non-State Conflict Dataset. Journal of Peace Research 49(2): 351–362.\n",
    "Davies, Shawn; Garoun Engström, Therese Pettersson & Magnus Öberg (2024) Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4): 673–693.\n",
    "Data: the UCDP Non-State Conflict Dataset, version 24.1 (as served by the UCDP API), CC BY 4.0."
);

const NONSTATE_CITATION_23_1: &str = concat!(
    "Sundberg, Ralph; Kristine Eck & Joakim Kreutz (2012) Introducing the UCDP Non-State Conflict Dataset. Journal of Peace Research 49(2): 351–362.\n",
    "Davies, Shawn; Therese Pettersson & Magnus Öberg (2023) Organized violence 1989–2022, and the return of conflict between states. Journal of Peace Research 60(4): 691–708.\n",
    "Data: the UCDP Non-State Conflict Dataset, version 23.1, CC BY 4.0."
);

const ONESIDED_CITATION_24_1: &str = concat!(
    "Eck, Kristine & Lisa Hultman (2007) One-sided violence against civilians in war: Insights from new fatality data. Journal of Peace Research 44(2): 233–246.\n",
    "Davies, Shawn; Garoun Engström, Therese Pettersson & Magnus Öberg (2024) Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4): 673–693.\n",
    "Data: the UCDP One-sided Violence Dataset, version 24.1 (as served by the UCDP API), CC BY 4.0."
);

const ONESIDED_CITATION_23_1: &str = concat!(
    "Eck, Kristine & Lisa Hultman (2007) One-sided violence against civilians in war: Insights from new fatality data. Journal of Peace Research 44(2): 233–246.\n",
    "Davies, Shawn; Therese Pettersson & Magnus Öberg (2023) Organized violence 1989–2022, and the return of conflict between states. Journal of Peace Research 60(4): 691–708.\n",
    "Data: the UCDP One-sided Violence Dataset, version 23.1, CC BY 4.0."
);

const NONSTATE_BIBTEX_24_1: &str = r#"@article{sundberg2012introducing,
  author  = {Sundberg, Ralph and Eck, Kristine and Kreutz, Joakim},
  title   = {Introducing the {UCDP} Non-State Conflict Dataset},
  journal = {Journal of Peace Research},
  year    = {2012},
  volume  = {49},
  number  = {2},
  pages   = {351--362},
  doi     = {10.1177/0022343311431598}
}
@article{davies2024organized,
  author  = {Davies, Shawn and Engstr{\"o}m, Garoun and Pettersson, Therese and {\"O}berg, Magnus},
  title   = {Organized violence 1989--2023, and the prevalence of organized crime groups},
  journal = {Journal of Peace Research},
  year    = {2024},
  volume  = {61},
  number  = {4},
  pages   = {673--693},
  doi     = {10.1177/00223433241262912}
}"#;

const NONSTATE_BIBTEX_23_1: &str = r#"@article{sundberg2012introducing,
  author  = {Sundberg, Ralph and Eck, Kristine and Kreutz, Joakim},
  title   = {Introducing the {UCDP} Non-State Conflict Dataset},
  journal = {Journal of Peace Research},
  year    = {2012},
  volume  = {49},
  number  = {2},
  pages   = {351--362},
  doi     = {10.1177/0022343311431598}
}
@article{davies2023organized,
  author  = {Davies, Shawn and Pettersson, Therese and {\"O}berg, Magnus},
  title   = {Organized violence 1989--2022, and the return of conflict between states},
  journal = {Journal of Peace Research},
  year    = {2023},
  volume  = {60},
  number  = {4},
  pages   = {691--708},
  doi     = {10.1177/00223433231185169}
}"#;

const ONESIDED_BIBTEX_24_1: &str = r#"@article{eck2007onesided,
  author  = {Eck, Kristine and Hultman, Lisa},
  title   = {One-sided violence against civilians in war: Insights from new fatality data},
  journal = {Journal of Peace Research},
  year    = {2007},
  volume  = {44},
  number  = {2},
  pages   = {233--246},
  doi     = {10.1177/0022343307075124}
}
@article{davies2024organized,
  author  = {Davies, Shawn and Engstr{\"o}m, Garoun and Pettersson, Therese and {\"O}berg, Magnus},
  title   = {Organized violence 1989--2023, and the prevalence of organized crime groups},
  journal = {Journal of Peace Research},
  year    = {2024},
  volume  = {61},
  number  = {4},
  pages   = {673--693},
  doi     = {10.1177/00223433241262912}
}"#;

const ONESIDED_BIBTEX_23_1: &str = r#"@article{eck2007onesided,
  author  = {Eck, Kristine and Hultman, Lisa},
  title   = {One-sided violence against civilians in war: Insights from new fatality data},
  journal = {Journal of Peace Research},
  year    = {2007},
  volume  = {44},
  number  = {2},
  pages   = {233--246},
  doi     = {10.1177/0022343307075124}
}
@article{davies2023organized,
  author  = {Davies, Shawn and Pettersson, Therese and {\"O}berg, Magnus},
  title   = {Organized violence 1989--2022, and the return of conflict between states},
  journal = {Journal of Peace Research},
  year    = {2023},
  volume  = {60},
  number  = {4},
  pages   = {691--708},
  doi     = {10.1177/00223433231185169}
}"#;

/// The annual UCDP article for the v25.1 releases, plain text (one line, no newline).
macro_rules! davies_2025 {
    () => {
        "Davies, Shawn; Therese Pettersson, Margareta Sollenberg & Magnus Öberg (2025) Organized violence 1989–2024, and the challenges of identifying civilian victims. Journal of Peace Research 62(4): 1223–1240."
    };
}

/// The same article as a BibTeX entry.
macro_rules! davies_2025_bib {
    () => {
        r#"@article{davies2025organized,
  author  = {Davies, Shawn and Pettersson, Therese and Sollenberg, Margareta and {\"O}berg, Magnus},
  title   = {Organized violence 1989--2024, and the challenges of identifying civilian victims},
  journal = {Journal of Peace Research},
  year    = {2025},
  volume  = {62},
  number  = {4},
  pages   = {1223--1240},
  doi     = {10.1177/00223433251345636}
}"#
    };
}

const DYADIC_CITATION_25_1: &str = concat!(
    "Harbom, Lotta; Erik Melander & Peter Wallensteen (2008) Dyadic Dimensions of Armed Conflict, 1946–2007. Journal of Peace Research 45(5): 697–710.\n",
    davies_2025!(),
    "\nData: the UCDP Dyadic Dataset, version 25.1, CC BY 4.0."
);

const DYADIC_BIBTEX_25_1: &str = concat!(
    r#"@article{harbom2008dyadic,
  author  = {Harbom, Lotta and Melander, Erik and Wallensteen, Peter},
  title   = {Dyadic Dimensions of Armed Conflict, 1946--2007},
  journal = {Journal of Peace Research},
  year    = {2008},
  volume  = {45},
  number  = {5},
  pages   = {697--710},
  doi     = {10.1177/0022343308094331}
}
"#,
    davies_2025_bib!()
);

const BRD_CITATION_25_1: &str = concat!(
    davies_2025!(),
    "\nUCDP Battle-Related Deaths Dataset Codebook v 25.1. Uppsala Conflict Data Program. https://ucdp.uu.se/downloads/\n",
    "Data: the UCDP Battle-Related Deaths Dataset (conflict-level version), version 25.1, CC BY 4.0."
);

const BRD_BIBTEX_25_1: &str = concat!(
    davies_2025_bib!(),
    r#"
@manual{ucdp_brd_codebook_25_1,
  title        = {{UCDP} Battle-Related Deaths Dataset Codebook v 25.1},
  organization = {Uppsala Conflict Data Program},
  year         = {2025},
  url          = {https://ucdp.uu.se/downloads/}
}"#
);

const NONSTATE_CITATION_25_1: &str = concat!(
    "Sundberg, Ralph; Kristine Eck & Joakim Kreutz (2012) Introducing the UCDP Non-State Conflict Dataset. Journal of Peace Research 49(2): 351–362.\n",
    davies_2025!(),
    "\nData: the UCDP Non-State Conflict Dataset, version 25.1, CC BY 4.0."
);

const NONSTATE_BIBTEX_25_1: &str = concat!(
    r#"@article{sundberg2012introducing,
  author  = {Sundberg, Ralph and Eck, Kristine and Kreutz, Joakim},
  title   = {Introducing the {UCDP} Non-State Conflict Dataset},
  journal = {Journal of Peace Research},
  year    = {2012},
  volume  = {49},
  number  = {2},
  pages   = {351--362},
  doi     = {10.1177/0022343311431598}
}
"#,
    davies_2025_bib!()
);

const ONESIDED_CITATION_25_1: &str = concat!(
    "Eck, Kristine & Lisa Hultman (2007) One-sided violence against civilians in war: Insights from new fatality data. Journal of Peace Research 44(2): 233–246.\n",
    davies_2025!(),
    "\nData: the UCDP One-sided Violence Dataset, version 25.1, CC BY 4.0."
);

const ONESIDED_BIBTEX_25_1: &str = concat!(
    r#"@article{eck2007onesided,
  author  = {Eck, Kristine and Hultman, Lisa},
  title   = {One-sided violence against civilians in war: Insights from new fatality data},
  journal = {Journal of Peace Research},
  year    = {2007},
  volume  = {44},
  number  = {2},
  pages   = {233--246},
  doi     = {10.1177/0022343307075124}
}
"#,
    davies_2025_bib!()
);

/// Every embedded dataset.
pub static REGISTRY: &[EmbeddedDataset] = &[
    EmbeddedDataset {
        name: "ucdp-acd",
        version: "25.1",
        title: "UCDP/PRIO Armed Conflict Dataset",
        kind: DatasetKind::Acd,
        file_name: "ucdp-acd/UcdpPrioConflict_v25_1.csv",
        rows: 2752,
        years: (1946, 2024),
        sha256: "a7a2ff6caf6c854f4fafb1b17f616da1ed6bbc00612943ec6e071511ebea7a81",
        licence: "CC BY 4.0",
        citation: ACD_CITATION_25_1,
        bibtex: ACD_BIBTEX_25_1,
        default: true,
        bytes: include_bytes!("../../../../data/ucdp-acd/UcdpPrioConflict_v25_1.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-acd",
        version: "24.1",
        title: "UCDP/PRIO Armed Conflict Dataset",
        kind: DatasetKind::Acd,
        file_name: "ucdp-acd/UcdpPrioConflict_v24_1.api.csv",
        rows: 2686,
        years: (1946, 2023),
        sha256: "d5db6f8f5f3c2358216c81815f90ab481fe83c8491eedcb63155100c03602c7b",
        licence: "CC BY 4.0",
        citation: ACD_CITATION_24_1,
        bibtex: ACD_BIBTEX_24_1,
        default: false,
        bytes: include_bytes!("../../../../data/ucdp-acd/UcdpPrioConflict_v24_1.api.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-ged-sample",
        version: "23.1",
        title: "UCDP Georeferenced Event Dataset (1,000-event sample)",
        kind: DatasetKind::Ged,
        file_name: "ucdp-ged-sample/ged231_sample_1000.csv",
        rows: 1000,
        years: (1989, 2022),
        sha256: "01f798b83c942677adcd1708c2ef04d642f147b3527679ec918b90b23cdccaf1",
        licence: "CC BY 4.0",
        citation: GED_CITATION_23_1,
        bibtex: GED_BIBTEX_23_1,
        default: true,
        bytes: include_bytes!("../../../../data/ucdp-ged-sample/ged231_sample_1000.csv"),
    },
    // The G&W list has no release numbers: the version is the date of the snapshot used (the
    // last change to `gwstates.rda` in the R package *states*, commit 7c24deb, 2021-04-14).
    // `years` ends in 2021 because membership is known up to that snapshot; periods still open
    // then (`9999-12-31`) are read as ongoing.
    EmbeddedDataset {
        name: "gw-states",
        version: "2021-04-14",
        title: "Gleditsch & Ward list of independent states",
        kind: DatasetKind::GwStates,
        file_name: "gwstates/gwstates.csv",
        rows: 239,
        years: (1816, 2021),
        sha256: "496297913fd20c2fb438922270334df80427b4ec95092d06f93c2575ba33db43",
        licence: "free for research use with citation (no explicit licence)",
        citation: GW_CITATION,
        bibtex: GW_BIBTEX,
        default: true,
        bytes: include_bytes!("../../../../data/gwstates/gwstates.csv"),
    },
    // Curated by this project from the G&W list and ISO 3166-1 (see data/crosswalk/SOURCE.md);
    // the version is the curation's, bumped on every change of the file.
    EmbeddedDataset {
        name: "gw-iso3-crosswalk",
        version: "1.0",
        title: "conflictstats G&W–ISO 3166 alpha-3 crosswalk",
        kind: DatasetKind::Crosswalk,
        file_name: "crosswalk/gw_iso3.csv",
        rows: 257,
        years: (1816, 2024),
        sha256: "32c7c2560548deaffaa18610dae4f7ba432c87fa0ebed527ead2f0dfbdd1c91b",
        licence: "CC0 1.0 (curated by the conflictstats project)",
        citation: "conflictstats G&W–ISO 3166 alpha-3 crosswalk v1.0 (data/crosswalk/gw_iso3.csv), curated from Gleditsch & Ward (1999) and ISO 3166-1 including its formerly used codes.",
        bibtex: "@misc{conflictstats_gw_iso3,\n  title = {{G\\&W}--{ISO} 3166 alpha-3 crosswalk, version 1.0},\n  note  = {conflictstats, data/crosswalk/gw\\_iso3.csv}\n}",
        default: true,
        bytes: include_bytes!("../../../../data/crosswalk/gw_iso3.csv"),
    },
    // ISO 3166-1 numeric codes, current and withdrawn (see data/crosswalk/SOURCE.md);
    // the version is the curation's, bumped on every change of the file.
    EmbeddedDataset {
        name: "iso-numeric",
        version: "1.0",
        title: "conflictstats ISO 3166-1 numeric → alpha-3 table",
        kind: DatasetKind::IsoNumeric,
        file_name: "crosswalk/iso_numeric.csv",
        rows: 262,
        years: (1974, 2023),
        sha256: "469de1a70673edd45ad385688f44e277ff1f4101fcd9f0eddffdf802a320813e",
        licence: "CC0 1.0 (curated by the conflictstats project; the codes are ISO 3166-1's)",
        citation: "conflictstats ISO 3166-1 numeric → alpha-3 table v1.0 (data/crosswalk/iso_numeric.csv), from ISO 3166-1 and its formerly used codes (ISO 3166-3).",
        bibtex: "@misc{conflictstats_iso_numeric,\n  title = {{ISO} 3166-1 numeric to alpha-3 table, version 1.0},\n  note  = {conflictstats, data/crosswalk/iso\\_numeric.csv}\n}",
        default: true,
        bytes: include_bytes!("../../../../data/crosswalk/iso_numeric.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-dyadic",
        version: "25.1",
        title: "UCDP Dyadic Dataset",
        kind: DatasetKind::Dyadic,
        file_name: "ucdp-dyadic/ucdp-dyadic-251.csv",
        rows: 3432,
        years: (1946, 2024),
        sha256: "e5bf6e3779a903f3df3ec476592332ce51ccf3798174b3db4c1b06dd1dd5a7ba",
        licence: "CC BY 4.0",
        citation: DYADIC_CITATION_25_1,
        bibtex: DYADIC_BIBTEX_25_1,
        default: true,
        bytes: include_bytes!("../../../../data/ucdp-dyadic/ucdp-dyadic-251.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-dyadic",
        version: "24.1",
        title: "UCDP Dyadic Dataset",
        kind: DatasetKind::Dyadic,
        file_name: "ucdp-dyadic/Dyadic_v24_1.csv",
        rows: 3357,
        years: (1946, 2023),
        sha256: "605854c4265316b5fb4530cea5da19c4b3336333d9e03ed5e1320d8638075e76",
        licence: "CC BY 4.0",
        citation: DYADIC_CITATION_24_1,
        bibtex: DYADIC_BIBTEX_24_1,
        default: false,
        bytes: include_bytes!("../../../../data/ucdp-dyadic/Dyadic_v24_1.csv"),
    },
    // The conflict-level version (one row per conflict-year): UCDP's dyadic v25.1 file was
    // not found (see data/ucdp-brd/SOURCE.md). Converted from UCDP's xlsx; UCDP's own CSV of
    // this release has SHA-256 a8e734c1…bf05 and the same per-year sums.
    EmbeddedDataset {
        name: "ucdp-brd",
        version: "25.1",
        title: "UCDP Battle-Related Deaths Dataset (conflict-level version)",
        kind: DatasetKind::BattleDeathsConflict,
        file_name: "ucdp-brd/BattleDeaths_v25_1_conf.csv",
        rows: 1586,
        years: (1989, 2024),
        sha256: "bf0a5c8bd0ea509dc5ece80db72ecd0331f94b93306443b66387e3821164af84",
        licence: "CC BY 4.0",
        citation: BRD_CITATION_25_1,
        bibtex: BRD_BIBTEX_25_1,
        default: true,
        bytes: include_bytes!("../../../../data/ucdp-brd/BattleDeaths_v25_1_conf.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-brd",
        version: "24.1",
        title: "UCDP Battle-Related Deaths Dataset (dyadic version)",
        kind: DatasetKind::BattleDeaths,
        file_name: "ucdp-brd/BattleDeaths_v24_1.csv",
        rows: 1920,
        years: (1989, 2023),
        sha256: "7d6e180845127fff39a52ce68e111b36384a341fded5d5091a3ab9902a2c9465",
        licence: "CC BY 4.0",
        citation: BRD_CITATION_24_1,
        bibtex: BRD_BIBTEX_24_1,
        default: false,
        bytes: include_bytes!("../../../../data/ucdp-brd/BattleDeaths_v24_1.csv"),
    },
    // Converted from UCDP's xlsx, with 11 `gwno_b_2nd` cells repaired (see SOURCE.md).
    EmbeddedDataset {
        name: "ucdp-nonstate",
        version: "25.1",
        title: "UCDP Non-State Conflict Dataset",
        kind: DatasetKind::NonState,
        file_name: "ucdp-nonstate/NonState_v25_1.csv",
        rows: 1720,
        years: (1989, 2024),
        sha256: "4c5cb6d5e4f4b26fe56f8a29684e0bc2d8f7345bcff4d0d03ed12e8a6f05cb8c",
        licence: "CC BY 4.0",
        citation: NONSTATE_CITATION_25_1,
        bibtex: NONSTATE_BIBTEX_25_1,
        default: true,
        bytes: include_bytes!("../../../../data/ucdp-nonstate/NonState_v25_1.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-nonstate",
        version: "24.1",
        title: "UCDP Non-State Conflict Dataset",
        kind: DatasetKind::NonState,
        file_name: "ucdp-nonstate/NonState_v24_1.api.csv",
        rows: 1639,
        years: (1989, 2023),
        sha256: "75c446950a08e2e03726e7db41f4e867250d18faa5af9d706749f80d21f42596",
        licence: "CC BY 4.0",
        citation: NONSTATE_CITATION_24_1,
        bibtex: NONSTATE_BIBTEX_24_1,
        default: false,
        bytes: include_bytes!("../../../../data/ucdp-nonstate/NonState_v24_1.api.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-nonstate",
        version: "23.1",
        title: "UCDP Non-State Conflict Dataset",
        kind: DatasetKind::NonState,
        file_name: "ucdp-nonstate/Nonstate_v23_1.csv",
        rows: 1542,
        years: (1989, 2022),
        sha256: "cc9ea9d3caef4d256dab81167d3fb93d9a67a1b21dafb9120333ded8da786eba",
        licence: "CC BY 4.0",
        citation: NONSTATE_CITATION_23_1,
        bibtex: NONSTATE_BIBTEX_23_1,
        default: false,
        bytes: include_bytes!("../../../../data/ucdp-nonstate/Nonstate_v23_1.csv"),
    },
    // Converted from UCDP's xlsx; the first release with coalition actors (`gwnoa` a list).
    EmbeddedDataset {
        name: "ucdp-onesided",
        version: "25.1",
        title: "UCDP One-sided Violence Dataset",
        kind: DatasetKind::OneSided,
        file_name: "ucdp-onesided/OneSided_v25_1.csv",
        rows: 1330,
        years: (1989, 2024),
        sha256: "2d42f81685bfba8a22fae025c40f6049a82cabdca81fca067d3f6473f516a67f",
        licence: "CC BY 4.0",
        citation: ONESIDED_CITATION_25_1,
        bibtex: ONESIDED_BIBTEX_25_1,
        default: true,
        bytes: include_bytes!("../../../../data/ucdp-onesided/OneSided_v25_1.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-onesided",
        version: "24.1",
        title: "UCDP One-sided Violence Dataset",
        kind: DatasetKind::OneSided,
        file_name: "ucdp-onesided/OneSided_v24_1.api.csv",
        rows: 1262,
        years: (1989, 2023),
        sha256: "9a5e0cdad392b99f79f2db05525922d90de0e7f27ab5010436ef004d5f00e568",
        licence: "CC BY 4.0",
        citation: ONESIDED_CITATION_24_1,
        bibtex: ONESIDED_BIBTEX_24_1,
        default: false,
        bytes: include_bytes!("../../../../data/ucdp-onesided/OneSided_v24_1.api.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-onesided",
        version: "23.1",
        title: "UCDP One-sided Violence Dataset",
        kind: DatasetKind::OneSided,
        file_name: "ucdp-onesided/OneSided_v23_1.csv",
        rows: 1191,
        years: (1989, 2022),
        sha256: "2444282cfef96c6e401072072aa1fa2296e2922fd08a3ef6147120b34e59288d",
        licence: "CC BY 4.0",
        citation: ONESIDED_CITATION_23_1,
        bibtex: ONESIDED_BIBTEX_23_1,
        default: false,
        bytes: include_bytes!("../../../../data/ucdp-onesided/OneSided_v23_1.csv"),
    },
];

/// Finds an embedded dataset by name and version (`None`: the default version).
pub fn find(name: &str, version: Option<&str>) -> Result<&'static EmbeddedDataset> {
    let version = version.map(|v| v.trim().trim_start_matches('v'));
    REGISTRY
        .iter()
        .find(|d| d.name == name && version.map_or(d.default, |v| d.version == v))
        .ok_or_else(|| Error::UnknownDataset {
            name: name.to_string(),
            version: version.map(str::to_string),
            available: REGISTRY
                .iter()
                .map(|d| format!("{} {}", d.name, d.version))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The registry entry whose bytes have this SHA-256, if any (used to recognise an official
/// release loaded from a file).
#[must_use]
pub fn by_sha256(sha256: &str) -> Option<&'static EmbeddedDataset> {
    REGISTRY.iter().find(|d| d.sha256 == sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verified_articles_carry_their_doi_and_pages_in_every_bibtex() {
        // The sources of each DOI are in the comment above `ACD_BIBTEX_25_1`.
        let verified = [
            (
                "gleditsch2002armed",
                "10.1177/0022343302039005007",
                "615--637",
            ),
            (
                "sundberg2013introducing",
                "10.1177/0022343313484347",
                "523--532",
            ),
            (
                "davies2024organized",
                "10.1177/00223433241262912",
                "673--693",
            ),
            (
                "davies2023organized",
                "10.1177/00223433231185169",
                "691--708",
            ),
            (
                "davies2025organized",
                "10.1177/00223433251345636",
                "1223--1240",
            ),
            (
                "gleditsch1999interstate",
                "10.1080/03050629908434958",
                "393--413",
            ),
            (
                "sundberg2012introducing",
                "10.1177/0022343311431598",
                "351--362",
            ),
            ("eck2007onesided", "10.1177/0022343307075124", "233--246"),
            ("harbom2008dyadic", "10.1177/0022343308094331", "697--710"),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for d in REGISTRY {
            for entry in d.bibtex.split("@article{").skip(1) {
                let (key, doi, pages) = verified
                    .iter()
                    .find(|(key, ..)| entry.starts_with(&format!("{key},")))
                    .unwrap_or_else(|| panic!("{}: an article without a verified DOI", d.name));
                assert!(entry.contains(&format!("doi     = {{{doi}}}")), "{key}");
                assert!(entry.contains(&format!("pages   = {{{pages}}}")), "{key}");
                seen.insert(*key);
            }
            // The plain-text citation carries the same page ranges.
            for (_, _, pages) in verified {
                let pages = pages.replace("--", "–");
                if d.bibtex
                    .contains(&format!("{{{}}}", pages.replace('–', "--")))
                {
                    assert!(d.citation.contains(&pages), "{}: {pages}", d.name);
                }
            }
        }
        assert_eq!(seen.len(), verified.len(), "{seen:?}");
    }

    #[test]
    fn every_entry_verifies_and_one_default_per_name() {
        for d in REGISTRY {
            assert!(d.bytes().is_ok(), "{}", d.label());
            let defaults = REGISTRY
                .iter()
                .filter(|e| e.name == d.name && e.default)
                .count();
            assert_eq!(defaults, 1, "{} must have exactly one default", d.name);
        }
    }

    #[test]
    fn unknown_version_lists_what_exists() {
        let err = find("ucdp-acd", Some("26.1")).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("ucdp-acd 25.1") && msg.contains("`26.1`"),
            "{msg}"
        );
        assert!(find("ucdp-acd", Some("v24.1")).is_ok());
    }

    #[test]
    fn sha256_of_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
