//! A standalone SVG of a [`Map`]: the same projection, classes and colours as the Python
//! drawing, one `<path class="outline">` per outline (with its name, G&W code, value and
//! status as `data-` attributes), the legend below the map (never over it), the title and the
//! source line. Written by hand: no dependency.

use super::classes::{EDGE_COLOUR, MISSING_COLOUR, NO_STATE_COLOUR};
use super::join::OutlineStatus;
use super::map::Map;
use super::projection::{X_MAX, Y_MAX, frame};
use std::fmt::Write as _;

const WIDTH: f64 = 960.0;
const MARGIN: f64 = 20.0;
const TITLE_H: f64 = 40.0;

/// Escapes text for XML content and attribute values.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn path_data(rings: &[Vec<[f64; 2]>], scale: f64, ox: f64, oy: f64) -> String {
    let mut d = String::new();
    for ring in rings {
        for (k, [x, y]) in ring.iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1},{:.1}",
                if k == 0 { "M" } else { "L" },
                ox + (x + X_MAX) * scale,
                oy + (Y_MAX - y) * scale
            );
        }
        d.push('Z');
    }
    d
}

/// The SVG document.
#[must_use]
pub fn to_svg(map: &Map) -> String {
    let scale = (WIDTH - 2.0 * MARGIN) / (2.0 * X_MAX);
    let map_h = 2.0 * Y_MAX * scale;
    let (ox, oy) = (MARGIN, TITLE_H);
    let legend_y = oy + map_h + 24.0;
    let rows = legend_rows(map);
    let height = legend_y + 22.0 * rows as f64 + 80.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0}" viewBox="0 0 {WIDTH} {height:.0}" font-family="sans-serif">
<defs><pattern id="missing" patternUnits="userSpaceOnUse" width="6" height="6"><rect width="6" height="6" fill="{MISSING_COLOUR}"/><path d="M0,6L6,0" stroke="#9a9a9a" stroke-width="0.8"/></pattern></defs>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="{MARGIN}" y="26" font-size="16" font-weight="bold">{}</text>"##,
        escape(&map.title)
    );
    let _ = writeln!(
        s,
        r##"<path class="frame" d="{}" fill="#f7fbff" stroke="#9a9a9a" stroke-width="0.6"/>"##,
        path_data(&[frame(90)], scale, ox, oy)
    );
    s.push_str("<g stroke=\"");
    s.push_str(EDGE_COLOUR);
    s.push_str("\" stroke-width=\"0.4\" fill-rule=\"evenodd\">\n");
    for (i, o) in map.join.outlines.iter().enumerate() {
        let fill = match o.status {
            OutlineStatus::Missing => "url(#missing)".to_string(),
            _ => map.fill(i).to_string(),
        };
        let class =
            map.class_of[i].map_or(String::new(), |k| escape(&map.classes.classes[k].label));
        let _ = writeln!(
            s,
            r#"<path class="outline" data-name="{}" data-gwcode="{}" data-value="{}" data-status="{}" data-class="{class}" fill="{fill}" d="{}"><title>{}</title></path>"#,
            escape(&o.outline_name),
            o.gwcode.map_or(String::new(), |g| g.0.to_string()),
            o.value.map_or(String::new(), |v| v.to_string()),
            o.status.key(),
            path_data(&map.projected(i), scale, ox, oy),
            escape(&format!(
                "{}: {}",
                o.outline_name,
                o.value
                    .map_or_else(|| o.status.key().replace('_', " "), |v| v.to_string())
            )),
        );
    }
    s.push_str("</g>\n");
    legend(map, &mut s, legend_y);
    let mut y = legend_y + 22.0 * rows as f64 + 18.0;
    for line in notes(map) {
        let _ = writeln!(
            s,
            r##"<text x="{MARGIN}" y="{y:.0}" font-size="11" fill="#444444">{}</text>"##,
            escape(&line)
        );
        y += 15.0;
    }
    s.push_str("</svg>\n");
    s
}

/// The legend entries: the classes, then "missing" and "no state in the data".
fn entries(map: &Map) -> Vec<(String, String)> {
    let mut e: Vec<(String, String)> = map
        .classes
        .classes
        .iter()
        .map(|c| (c.colour.clone(), c.label.clone()))
        .collect();
    e.push(("url(#missing)".into(), "no value".into()));
    e.push((NO_STATE_COLOUR.into(), "no state in the data".into()));
    e
}

const PER_ROW: usize = 8;

fn legend_rows(map: &Map) -> usize {
    entries(map).len().div_ceil(PER_ROW) + 1
}

fn legend(map: &Map, s: &mut String, y0: f64) {
    let _ = writeln!(
        s,
        r#"<g class="legend"><text x="{MARGIN}" y="{:.0}" font-size="12">{}</text>"#,
        y0,
        escape(&map.values.unit())
    );
    for (k, (fill, label)) in entries(map).iter().enumerate() {
        let x = MARGIN + (k % PER_ROW) as f64 * 115.0;
        let y = y0 + 10.0 + (k / PER_ROW) as f64 * 22.0;
        let _ = writeln!(
            s,
            r#"<rect x="{x:.0}" y="{y:.0}" width="18" height="12" fill="{fill}" stroke="{EDGE_COLOUR}" stroke-width="0.5"/><text x="{:.0}" y="{:.0}" font-size="11">{}</text>"#,
            x + 22.0,
            y + 10.0,
            escape(label)
        );
    }
    s.push_str("</g>\n");
}

/// The lines under the legend: states without outline, the borders caveat, the source.
#[must_use]
pub fn notes(map: &Map) -> Vec<String> {
    let mut lines = Vec::new();
    let listed: Vec<String> = map
        .join
        .states_without_outline
        .iter()
        .filter(|s| s.value.is_some_and(|v| v != 0.0))
        .map(|s| {
            format!(
                "{} {}",
                s.name,
                s.value.map_or(String::new(), |v| v.to_string())
            )
        })
        .collect();
    if !listed.is_empty() {
        lines.push(format!(
            "No outline on this map (too small at 1:110m, or none on the date): {}.",
            listed.join(", ")
        ));
    }
    if let Some(c) = &map.join.caveat {
        lines.push(c.clone());
    }
    lines.push(map.source.clone());
    lines
}
