//! UCDP's API: every page of `<api>/<resource>/<version>?pagesize=N&page=P`, written as a CSV
//! in the loaders' API layout.
//!
//! The number of pages is bounded by what the first page says: `TotalCount` rows in pages of
//! `pagesize` need `⌈TotalCount / pagesize⌉` pages (one when there is none); a `TotalPages`
//! beyond that, a page with more rows than `pagesize`, more rows than `TotalCount`, or a
//! `TotalCount` that changes between pages stops the fetch with an error naming the page.

use super::archive::{HashWriter, Hashed};
use super::http::Client;
use super::store::TempFile;
use super::{FetchOptions, Progress};
use crate::data::cache::{self, CacheRecord, FetchedFrom};
use crate::data::upstream::UcdpSource;
use crate::error::{Error, FetchError, Result};
use crate::untrusted;

type Row = serde_json::Map<String, serde_json::Value>;

/// Fetches every page and writes the rows as a CSV in the API layout; the record is filled
/// but for its verification.
pub(super) fn fetch_pages(
    src: &UcdpSource,
    version: &str,
    base: &str,
    client: &mut Client<'_>,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<(TempFile, CacheRecord)> {
    let first = src.api_url(base, version, opts.page_size, 0)?;
    let mut rows: Vec<Row> = Vec::new();
    let (mut page, mut pages, mut total, mut budget) = (0u64, 1u64, None, opts.max_bytes);
    let mut final_url = first.clone();
    while page < pages {
        let url = src.api_url(base, version, opts.page_size, page)?;
        let got = client.get(&url)?;
        final_url.clone_from(&got.url);
        let mut body = Vec::new();
        budget -= client
            .receive(got, &mut body, budget, progress)?
            .min(budget);
        let reply = ApiPage::parse(&body, &url)?;
        let count = *total.get_or_insert(reply.total_count);
        if count != reply.total_count {
            return Err(api_err(&url, "TotalCount changed between pages").into());
        }
        let most = count.div_ceil(u64::from(opts.page_size)).max(1);
        if reply.total_pages > most {
            return Err(api_err(
                &url,
                &format!(
                    "TotalPages is {}, but TotalCount {count} in pages of {} needs at most {most}",
                    reply.total_pages, opts.page_size
                ),
            )
            .into());
        }
        if reply.result.len() as u64 > u64::from(opts.page_size)
            || (rows.len() + reply.result.len()) as u64 > count
        {
            return Err(api_err(
                &url,
                &format!(
                    "page {page} holds {} rows: more than the page size {} or than TotalCount {count}",
                    reply.result.len(),
                    opts.page_size
                ),
            )
            .into());
        }
        pages = reply.total_pages;
        rows.extend(reply.result);
        page += 1;
    }
    let total = total.unwrap_or(0);
    if rows.len() as u64 != total {
        return Err(api_err(
            &first,
            &format!(
                "TotalCount is {total}, but the pages held {} rows",
                rows.len()
            ),
        )
        .into());
    }
    let (csv_tmp, file) = TempFile::create(&opts.cache_dir, "csv")?;
    let hashed = write_api_csv(&rows, file, &first)?;
    let record = CacheRecord {
        name: src.name.to_string(),
        version: version.to_string(),
        file_name: cache::file_name(src.name, version, FetchedFrom::Api),
        member: None,
        sha256: hashed.sha256,
        bytes: hashed.bytes,
        url: untrusted::redact(&first).into_owned(),
        final_url: untrusted::redact(&final_url).into_owned(),
        redirects: client.redirects.clone(),
        fetched_from: FetchedFrom::Api,
        verified: false,
        verified_by: None,
    };
    Ok((csv_tmp, record))
}

fn api_err(url: &str, message: &str) -> FetchError {
    FetchError::Api {
        url: untrusted::redact(url).into_owned(),
        message: message.to_string(),
    }
}

/// One page of UCDP's API.
#[derive(serde::Deserialize)]
struct ApiPage {
    #[serde(rename = "TotalCount")]
    total_count: u64,
    #[serde(rename = "TotalPages")]
    total_pages: u64,
    #[serde(rename = "Result")]
    result: Vec<Row>,
}

impl ApiPage {
    fn parse(body: &[u8], url: &str) -> Result<ApiPage> {
        serde_json::from_slice(body).map_err(|e| {
            let head = String::from_utf8_lossy(&body[..body.len().min(40)]).to_string();
            api_err(url, &format!("{e}; the reply starts {head:?}")).into()
        })
    }
}

/// Writes the API rows as CSV: the columns of the first row (every row must have the same),
/// numbers as written, lists joined with `", "` as in UCDP's CSV, null as empty.
fn write_api_csv(rows: &[Row], file: std::fs::File, url: &str) -> Result<Hashed> {
    let columns: Vec<&String> = rows.first().map(|r| r.keys().collect()).unwrap_or_default();
    let mut w = csv::Writer::from_writer(HashWriter::new(std::io::BufWriter::new(file)));
    let csv_err = |e: csv::Error| Error::spec(format!("cannot write the converted CSV: {e}"));
    w.write_record(&columns).map_err(csv_err)?;
    for (i, row) in rows.iter().enumerate() {
        if row.len() != columns.len() || !columns.iter().all(|c| row.contains_key(*c)) {
            return Err(
                api_err(url, &format!("row {i} has other fields than the first row")).into(),
            );
        }
        let mut fields = Vec::with_capacity(columns.len());
        for c in &columns {
            fields.push(api_field(&row[*c]).ok_or_else(|| {
                api_err(
                    url,
                    &format!("row {i}, field {}: a nested object", untrusted::escape(c)),
                )
            })?);
        }
        w.write_record(&fields).map_err(csv_err)?;
    }
    let inner = w
        .into_inner()
        .map_err(|e| Error::spec(format!("cannot write the converted CSV: {e}")))?;
    inner.finish()
}

fn api_field(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value as V;
    Some(match v {
        V::Null => String::new(),
        V::Bool(b) => b.to_string(),
        V::Number(n) => n.to_string(),
        V::String(s) => s.clone(),
        V::Array(items) => items
            .iter()
            .map(|x| match x {
                V::Array(_) | V::Object(_) => None,
                other => api_field(other),
            })
            .collect::<Option<Vec<_>>>()?
            .join(", "),
        V::Object(_) => return None,
    })
}
