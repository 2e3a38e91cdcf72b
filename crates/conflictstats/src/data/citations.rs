//! The citations the data's authors ask for, plain text and BibTeX, one constant per release
//! (used by the [`registry`](super::registry)).
//!
//! ```
//! use conflictstats::data::registry;
//!
//! // ACD v26.1: Gleditsch et al. (2002) and the dataset with its version; the 2026 annual
//! // article is not invented — its reference is to be taken from the v26.1 codebook.
//! let v26 = registry::find("ucdp-acd", Some("26.1"))?;
//! assert!(v26.citation.contains("Armed Conflict 1946–2001"));
//! assert!(v26.citation.contains("v26.1 codebook"));
//! # Ok::<(), conflictstats::Error>(())
//! ```

pub(super) const ACD_CITATION_26_1: &str = "Gleditsch, Nils Petter; Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg & Håvard Strand (2002) Armed Conflict 1946–2001: A New Dataset. Journal of Peace Research 39(5): 615–637.\n\
Data: the UCDP/PRIO Armed Conflict Dataset, version 26.1 (released June 2026), CC BY 4.0. https://ucdp.uu.se/downloads/\n\
UCDP also asks for the annual Journal of Peace Research article presenting the release (2026, on organized violence through 2025): take its reference from the v26.1 codebook; it could not be verified here and is not given.\n\
This copy's byte-identity with UCDP's zip is UNVERIFIED (byte_identity = unverified; data/ucdp-acd/SOURCE.md): `conflictstats fetch ucdp-acd 26.1` compares it with UCDP's file.";

pub(super) const ACD_BIBTEX_26_1: &str = r#"@article{gleditsch2002armed,
  author  = {Gleditsch, Nils Petter and Wallensteen, Peter and Eriksson, Mikael and Sollenberg, Margareta and Strand, H{\aa}vard},
  title   = {Armed Conflict 1946--2001: A New Dataset},
  journal = {Journal of Peace Research},
  year    = {2002},
  volume  = {39},
  number  = {5},
  pages   = {615--637},
  doi     = {10.1177/0022343302039005007}
}
@misc{ucdp_acd_26_1,
  title        = {{UCDP/PRIO} Armed Conflict Dataset, version 26.1},
  organization = {Uppsala Conflict Data Program and Peace Research Institute Oslo},
  year         = {2026},
  url          = {https://ucdp.uu.se/downloads/},
  note         = {CC BY 4.0. Also cite the 2026 annual Journal of Peace Research article presenting the release, its reference taken from the v26.1 codebook. Byte-identity of this copy with UCDP's zip unverified.}
}"#;

pub(super) const ACD_CITATION_25_1: &str = "Gleditsch, Nils Petter; Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg & Håvard Strand (2002) Armed Conflict 1946–2001: A New Dataset. Journal of Peace Research 39(5): 615–637.\n\
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
pub(super) const ACD_BIBTEX_25_1: &str = r#"@article{gleditsch2002armed,
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

pub(super) const ACD_CITATION_24_1: &str = "Gleditsch, Nils Petter; Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg & Håvard Strand (2002) Armed Conflict 1946–2001: A New Dataset. Journal of Peace Research 39(5): 615–637.\n\
Davies, Shawn; Garoun Engström, Therese Pettersson & Magnus Öberg (2024) Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4): 673–693.\n\
Data: the UCDP/PRIO Armed Conflict Dataset, version 24.1 (as served by the UCDP API), CC BY 4.0.";

pub(super) const ACD_BIBTEX_24_1: &str = r#"@article{gleditsch2002armed,
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

pub(super) const GED_CITATION_23_1: &str = "Sundberg, Ralph & Erik Melander (2013) Introducing the UCDP Georeferenced Event Dataset. Journal of Peace Research 50(4): 523–532.\n\
Davies, Shawn; Therese Pettersson & Magnus Öberg (2023) Organized violence 1989–2022, and the return of conflict between states. Journal of Peace Research 60(4): 691–708.\n\
Högbladh, Stina (2023) UCDP GED Codebook version 23.1. Uppsala Conflict Data Program.\n\
Data: a 1,000-event sample of the UCDP Georeferenced Event Dataset (GED) Global version 23.1, as shipped in the R package uncertainUCDP (D. Randahl), CC BY 4.0.";

pub(super) const GED_BIBTEX_23_1: &str = r#"@article{sundberg2013introducing,
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

pub(super) const GW_CITATION: &str = "Gleditsch, Kristian S. & Michael D. Ward (1999) Interstate System Membership: A Revised List of the Independent States since 1816. International Interactions 25(4): 393–413.\n\
Data: the G&W list of independent states and microstates as packaged in the R package states (A. Beger), data/gwstates.rda, last changed 2021-04-14.";

pub(super) const GW_BIBTEX: &str = r#"@article{gleditsch1999interstate,
  author  = {Gleditsch, Kristian S. and Ward, Michael D.},
  title   = {Interstate System Membership: A Revised List of the Independent States since 1816},
  journal = {International Interactions},
  year    = {1999},
  volume  = {25},
  number  = {4},
  pages   = {393--413},
  doi     = {10.1080/03050629908434958}
}"#;

pub(super) const DYADIC_CITATION_24_1: &str = concat!(
    "Harbom, Lotta; Erik Melander & Peter Wallensteen (2008) Dyadic Dimensions of Armed Conflict, 1946–2007. Journal of Peace Research 45(5): 697–710.\n",
    "Davies, Shawn; Garoun Engström, Therese Pettersson & Magnus Öberg (2024) Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4): 673–693.\n",
    "Data: the UCDP Dyadic Dataset, version 24.1, CC BY 4.0."
);

pub(super) const DYADIC_BIBTEX_24_1: &str = r#"@article{harbom2008dyadic,
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

pub(super) const BRD_CITATION_24_1: &str = concat!(
    "Davies, Shawn; Garoun Engström, Therese Pettersson & Magnus Öberg (2024) Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4): 673–693.\n",
    "UCDP Battle-Related Deaths Dataset Codebook v 24.1. Uppsala Conflict Data Program. https://ucdp.uu.se/downloads/\n",
    "Data: the UCDP Battle-Related Deaths Dataset (dyadic version), version 24.1, CC BY 4.0."
);

pub(super) const BRD_BIBTEX_24_1: &str = r#"@article{davies2024organized,
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

pub(super) const NONSTATE_CITATION_24_1: &str = concat!(
    "Sundberg, Ralph; Kristine Eck & Joakim Kreutz (2012) Introducing the UCDP Non-State Conflict Dataset. Journal of Peace Research 49(2): 351–362.\n",
    "Davies, Shawn; Garoun Engström, Therese Pettersson & Magnus Öberg (2024) Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4): 673–693.\n",
    "Data: the UCDP Non-State Conflict Dataset, version 24.1 (as served by the UCDP API), CC BY 4.0."
);

pub(super) const NONSTATE_CITATION_23_1: &str = concat!(
    "Sundberg, Ralph; Kristine Eck & Joakim Kreutz (2012) Introducing the UCDP Non-State Conflict Dataset. Journal of Peace Research 49(2): 351–362.\n",
    "Davies, Shawn; Therese Pettersson & Magnus Öberg (2023) Organized violence 1989–2022, and the return of conflict between states. Journal of Peace Research 60(4): 691–708.\n",
    "Data: the UCDP Non-State Conflict Dataset, version 23.1, CC BY 4.0."
);

pub(super) const ONESIDED_CITATION_24_1: &str = concat!(
    "Eck, Kristine & Lisa Hultman (2007) One-sided violence against civilians in war: Insights from new fatality data. Journal of Peace Research 44(2): 233–246.\n",
    "Davies, Shawn; Garoun Engström, Therese Pettersson & Magnus Öberg (2024) Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4): 673–693.\n",
    "Data: the UCDP One-sided Violence Dataset, version 24.1 (as served by the UCDP API), CC BY 4.0."
);

pub(super) const ONESIDED_CITATION_23_1: &str = concat!(
    "Eck, Kristine & Lisa Hultman (2007) One-sided violence against civilians in war: Insights from new fatality data. Journal of Peace Research 44(2): 233–246.\n",
    "Davies, Shawn; Therese Pettersson & Magnus Öberg (2023) Organized violence 1989–2022, and the return of conflict between states. Journal of Peace Research 60(4): 691–708.\n",
    "Data: the UCDP One-sided Violence Dataset, version 23.1, CC BY 4.0."
);

pub(super) const NONSTATE_BIBTEX_24_1: &str = r#"@article{sundberg2012introducing,
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

pub(super) const NONSTATE_BIBTEX_23_1: &str = r#"@article{sundberg2012introducing,
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

pub(super) const ONESIDED_BIBTEX_24_1: &str = r#"@article{eck2007onesided,
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

pub(super) const ONESIDED_BIBTEX_23_1: &str = r#"@article{eck2007onesided,
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

pub(super) const DYADIC_CITATION_25_1: &str = concat!(
    "Harbom, Lotta; Erik Melander & Peter Wallensteen (2008) Dyadic Dimensions of Armed Conflict, 1946–2007. Journal of Peace Research 45(5): 697–710.\n",
    davies_2025!(),
    "\nData: the UCDP Dyadic Dataset, version 25.1, CC BY 4.0."
);

pub(super) const DYADIC_BIBTEX_25_1: &str = concat!(
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

pub(super) const BRD_CITATION_25_1: &str = concat!(
    davies_2025!(),
    "\nUCDP Battle-Related Deaths Dataset Codebook v 25.1. Uppsala Conflict Data Program. https://ucdp.uu.se/downloads/\n",
    "Data: the UCDP Battle-Related Deaths Dataset (conflict-level version), version 25.1, CC BY 4.0."
);

pub(super) const BRD_BIBTEX_25_1: &str = concat!(
    davies_2025_bib!(),
    r#"
@manual{ucdp_brd_codebook_25_1,
  title        = {{UCDP} Battle-Related Deaths Dataset Codebook v 25.1},
  organization = {Uppsala Conflict Data Program},
  year         = {2025},
  url          = {https://ucdp.uu.se/downloads/}
}"#
);

pub(super) const NONSTATE_CITATION_25_1: &str = concat!(
    "Sundberg, Ralph; Kristine Eck & Joakim Kreutz (2012) Introducing the UCDP Non-State Conflict Dataset. Journal of Peace Research 49(2): 351–362.\n",
    davies_2025!(),
    "\nData: the UCDP Non-State Conflict Dataset, version 25.1, CC BY 4.0."
);

pub(super) const NONSTATE_BIBTEX_25_1: &str = concat!(
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

pub(super) const ONESIDED_CITATION_25_1: &str = concat!(
    "Eck, Kristine & Lisa Hultman (2007) One-sided violence against civilians in war: Insights from new fatality data. Journal of Peace Research 44(2): 233–246.\n",
    davies_2025!(),
    "\nData: the UCDP One-sided Violence Dataset, version 25.1, CC BY 4.0."
);

pub(super) const ONESIDED_BIBTEX_25_1: &str = concat!(
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
