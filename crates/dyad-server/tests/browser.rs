//! The dashboard in headless Chromium (Debian's `chromium` and `chromium-driver`, driven over
//! WebDriver): over a store of `tests/story/`, the TUR–GRC chart, a period's events, a
//! filter, an event's evidence, an actor's counterparts, an upload with the token and a
//! hostile article shown as text. Screenshots go to `target/screenshots/`.
//!
//! Skips, saying so, when Chromium or chromedriver is absent (`DYAD_CHROMIUM` and
//! `DYAD_CHROMEDRIVER` name other paths), unless `DYAD_REQUIRE_BROWSER` is set (as `.ci/run`
//! does).

mod common;

use common::{story_store, TempDir, HOSTILE, TOKEN};
use dyad_server::Config;
use dyad_store::{EventSource, PeriodBy, Store};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

fn screenshots() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::root().join("target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Prints past the test harness's capture, so that a skip shows in `cargo test`'s output.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// A port nobody listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Page {
    c: Client,
    base: String,
    shots: PathBuf,
}

impl Page {
    /// Opens a view (`#/...`) and waits until it is drawn.
    async fn open(&self, view: &str) -> Result<()> {
        self.c.goto(&format!("{}/#{view}", self.base)).await?;
        self.ready(view).await
    }

    /// Waits until the view `view` is drawn (app.js marks `main` with `data-ready`).
    async fn ready(&self, view: &str) -> Result<()> {
        let sel = format!("main[data-ready=\"{}\"]", view.replace('"', "\\\""));
        self.c
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(&sel))
            .await?;
        Ok(())
    }

    async fn js(&self, script: &str) -> Result<Value> {
        Ok(self.c.execute(script, vec![]).await?)
    }

    async fn texts(&self, sel: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for e in self.c.find_all(Locator::Css(sel)).await? {
            out.push(e.text().await?);
        }
        Ok(out)
    }

    async fn shot(&self, name: &str) -> Result<()> {
        let png = self.c.screenshot().await?;
        std::fs::write(self.shots.join(name), png)?;
        Ok(())
    }

    /// Nothing from an article ran: no flag set by a script or handler, no element added.
    async fn assert_nothing_ran(&self) -> Result<()> {
        let v = self
            .js("return [typeof window.__dyad_pwned, document.querySelectorAll('script').length, document.querySelectorAll('main img').length]")
            .await?;
        assert_eq!(
            v,
            json!(["undefined", 1, 0]),
            "markup from an article ran or was inserted"
        );
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_in_chromium() {
    let chromium = std::env::var("DYAD_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let driver = std::env::var("DYAD_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    for (what, path) in [("chromium", &chromium), ("chromedriver", &driver)] {
        if !Path::new(path).exists() {
            // CI installs them and sets DYAD_REQUIRE_BROWSER, so that there a skip is a failure.
            assert!(
                std::env::var_os("DYAD_REQUIRE_BROWSER").is_none(),
                "DYAD_REQUIRE_BROWSER is set and there is no {what} at {path}"
            );
            say(&format!(
                "SKIPPED the_dashboard_in_chromium: no {what} at {path} (install Debian's chromium and \
                 chromium-driver, as .ci/run does, or set DYAD_CHROMIUM / DYAD_CHROMEDRIVER)"
            ));
            return;
        }
    }
    let dir = TempDir::new("browser");
    let db = story_store(&dir.0);
    let app = dyad_server::app(&Config {
        token: Some(TOKEN.into()),
        ..Config::new(&db)
    })
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(dyad_server::serve_on(
        listener,
        app,
        dyad_server::DEFAULT_TIMEOUT,
        std::future::pending(),
    ));

    let port = free_port();
    let mut chromedriver = tokio::process::Command::new(&driver)
        .arg(format!("--port={port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("{driver}: {e}"));
    let mut up = false;
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(up, "chromedriver did not listen on port {port}");

    let profile = dir.0.join("chromium-profile");
    let caps = json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let Value::Object(caps) = caps else { unreachable!() };
    let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session through chromedriver");
    let shots = screenshots();
    let page = Page {
        c: c.clone(),
        base: format!("http://{addr}"),
        shots: shots.clone(),
    };
    // On its own task, so that a failed assertion still closes the browser below.
    let walked = tokio::spawn(async move { walk(&page, &db).await }).await;
    let _ = c.close().await;
    let _ = chromedriver.kill().await;
    say(&format!(
        "the_dashboard_in_chromium: screenshots in {}",
        shots.display()
    ));
    match walked {
        Ok(Ok(())) => {}
        Ok(Err(e)) => panic!("{e}"),
        Err(e) => std::panic::resume_unwind(e.into_panic()),
    }
}

async fn walk(page: &Page, db: &Path) -> Result<()> {
    let store = Store::open_existing(db)?;

    // The overview: TUR–GRC is the most active pair, with its sparkline.
    page.open("/").await?;
    let rows = page.texts("#dyads tbody tr").await?;
    assert!(rows[0].starts_with("GRC – TUR"), "{rows:?}");
    let points = page.c.find_all(Locator::Css("#dyads svg.spark circle")).await?.len();
    assert!(points >= 10, "{points} points in the sparklines");
    page.shot("overview.png").await?;

    // The dyad by month: every period drawn with its mean; the story's turns where they belong.
    page.open("/dyad/TUR/GRC").await?;
    let rel = store.relations("TUR", "GRC", PeriodBy::Month, None, None, 3)?;
    let drawn = page
        .js("return [...document.querySelectorAll('#relations-chart g.period')].map(g => [g.dataset.period, g.dataset.mean, g.dataset.events])")
        .await?;
    let drawn = drawn.as_array().unwrap();
    assert_eq!(drawn.len(), rel.periods.len());
    for (d, p) in drawn.iter().zip(&rel.periods) {
        assert_eq!(d[0], p.period.as_str());
        assert_eq!(d[2], p.events.to_string().as_str());
        let mean = p.goldstein_mean.map(|m| m.to_string()).unwrap_or_default();
        assert_eq!(d[1], mean.as_str(), "{}", p.period);
    }
    let mean = |period: &str| -> f64 {
        let d = drawn.iter().find(|d| d[0] == period).unwrap();
        d[1].as_str().unwrap().parse().unwrap()
    };
    assert!(mean("2023-01") < 0.0, "January 2023, the summonses, below zero");
    assert!(mean("2023-02") > 1.0, "February 2023, the earthquake aid, above zero");
    assert!(mean("2023-12") > 1.0, "December 2023, the Athens visit, above zero");
    let neg = page
        .js("return document.querySelector('#relations-chart g.period[data-period=\"2023-01\"] circle.pt').classList.contains('neg')")
        .await?;
    assert_eq!(neg, json!(true));
    page.shot("dyad-month.png").await?;

    // Clicking a period lists its events.
    page.c
        .find(Locator::Css(
            "#relations-chart g.period[data-period=\"2023-02\"] rect.hit",
        ))
        .await?
        .click()
        .await?;
    page.c
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("#period-events tr.event-row"))
        .await?;
    let expected = store.event_page(
        &dyad_store::api::ApiFilter {
            pair: Some(("TUR".into(), "GRC".into())),
            filter: dyad_store::Filter {
                since: chrono::NaiveDate::from_ymd_opt(2023, 2, 1),
                until: chrono::NaiveDate::from_ymd_opt(2023, 2, 28),
                ..Default::default()
            },
        },
        None,
        50,
    )?;
    let rows = page.texts("#period-events tr.event-row").await?;
    assert_eq!(rows.len(), expected.events.len());
    assert!(rows.iter().any(|r| r.to_lowercase().contains("earthquake")), "{rows:?}");
    page.c
        .find(Locator::Css("#period-events"))
        .await?
        .screenshot()
        .await
        .map(|png| std::fs::write(page.shots.join("dyad-2023-02-events.png"), png))??;
    page.shot("dyad-2023-02.png").await?;

    // Other scales draw with readable labels.
    for (by, label) in [("week", "2023-W06"), ("day", "2023-02-06"), ("year", "2023")] {
        page.c.find(Locator::Css(&format!("#by-{by}"))).await?.click().await?;
        page.ready(&format!("/dyad/TUR/GRC?by={by}")).await?;
        let labels = page.texts("#relations-chart text.tick").await?;
        assert!(
            page.c
                .find_all(Locator::Css(&format!(
                    "#relations-chart g.period[data-period=\"{label}\"]"
                )))
                .await?
                .len()
                == 1,
            "{by}: no period {label}"
        );
        assert!(labels.iter().any(|l| l.starts_with("2023")), "{by}: {labels:?}");
        page.shot(&format!("dyad-{by}.png")).await?;
    }

    // The event table with a filter.
    page.open("/events").await?;
    page.c
        .find(Locator::Css("#filters input[name=country]"))
        .await?
        .send_keys("GRC")
        .await?;
    page.c
        .find(Locator::Css("#filters select[name=quad] option[value='3']"))
        .await?
        .click()
        .await?;
    page.c
        .find(Locator::Css("#filters button[type=submit]"))
        .await?
        .click()
        .await?;
    page.ready("/events?country=GRC&quad=3").await?;
    let f = dyad_store::Filter {
        country: Some("GRC".into()),
        quad: Some(3),
        ..Default::default()
    };
    let expected = store.events(&f)?;
    let rows = page.texts("#event-list tr.event-row").await?;
    assert_eq!(rows.len(), expected.len().min(50));
    let total = page.texts("#event-list p.total").await?;
    assert_eq!(total, [format!("{} events, newest first", expected.len())]);
    let triggers = page
        .c
        .find_all(Locator::Css("#event-list tr.event-row mark.seg-trigger"))
        .await?;
    assert!(
        triggers.len() * 10 >= rows.len() * 9,
        "{} of {} rows highlight a trigger",
        triggers.len(),
        rows.len()
    );
    page.shot("events-filtered.png").await?;

    // An event's evidence: every mention, its pattern and knowledge-base entries with file:line.
    let link = page
        .c
        .find(Locator::Css("#event-list tr.event-row a.evidence-link"))
        .await?;
    let href = link.attr("href").await?.unwrap_or_default();
    link.click().await?;
    let view = href.trim_start_matches('#').to_string();
    page.ready(&view).await?;
    let id: i64 = view.trim_start_matches("/event/").parse()?;
    let detail = store.event_detail(id)?.unwrap();
    let cards = page.c.find_all(Locator::Css("article.mention")).await?;
    assert_eq!(cards.len(), detail.mentions.len());
    let patterns = page.texts("article.mention code.pattern").await?;
    assert!(patterns.iter().all(|p| p.contains(".txt:")), "{patterns:?}");
    let sources = page.texts("article.mention ul.entries .src").await?;
    assert!(
        !sources.is_empty() && sources.iter().all(|s| s.contains(".tsv:")),
        "{sources:?}"
    );
    page.shot("evidence.png").await?;

    // An actor's counterparts.
    page.open("/actor/TUR").await?;
    let rows = page.texts("#counterparts tbody tr").await?;
    assert!(rows[0].starts_with("GRC"), "{rows:?}");
    assert_eq!(page.c.find_all(Locator::Css("svg.network")).await?.len(), 1);
    page.shot("actor.png").await?;

    // Upload with the token: a hostile article, shown as text.
    page.open("/upload").await?;
    assert!(page.c.find(Locator::Css("#nav-upload")).await?.is_displayed().await?);
    let form = |name: &str| format!("#upload [name={name}]");
    page.c
        .find(Locator::Css(&form("token")))
        .await?
        .send_keys("wrong-token-0000000000")
        .await?;
    page.c
        .find(Locator::Css(&form("title")))
        .await?
        .send_keys("Leros <script>window.__dyad_pwned = 3</script>")
        .await?;
    page.c
        .find(Locator::Css(&form("text")))
        .await?
        .send_keys(HOSTILE)
        .await?;
    page.c
        .find(Locator::Css("#upload button[type=submit]"))
        .await?
        .click()
        .await?;
    let error = page
        .c
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css("#upload-result .error"))
        .await?;
    assert!(error.text().await?.contains("wrong token"));
    let token = page.c.find(Locator::Css(&form("token"))).await?;
    token.clear().await?;
    token.send_keys(TOKEN).await?;
    page.js("document.querySelector('#upload [name=date]').value = '2024-07-08'")
        .await?;
    page.c
        .find(Locator::Css("#upload button[type=submit]"))
        .await?
        .click()
        .await?;
    let status = page
        .c
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css("#upload-status"))
        .await?;
    let text = status.text().await?;
    assert!(text.starts_with("Stored: article api/"), "{text}");
    assert!(!text.contains(" 0 events"), "{text}");
    page.assert_nothing_ran().await?;
    page.shot("upload.png").await?;
    // The same article again: already stored.
    page.c
        .find(Locator::Css("#upload button[type=submit]"))
        .await?
        .click()
        .await?;
    for _ in 0..300 {
        let t = page.texts("#upload-status").await?;
        if t.first().is_some_and(|t| t.starts_with("Already stored")) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let t = page.texts("#upload-status").await?;
    assert!(t[0].starts_with("Already stored"), "{t:?}");

    page.open("/events?q=pwned").await?;
    let rows = page.texts("#event-list tr.event-row").await?;
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.contains("<script>window.__dyad_pwned = 1</script>")),
        "{rows:?}"
    );
    page.assert_nothing_ran().await?;
    page.shot("hostile.png").await?;
    let link = page.c.find(Locator::Css("#event-list a.evidence-link")).await?;
    let href = link.attr("href").await?.unwrap_or_default();
    link.click().await?;
    page.ready(href.trim_start_matches('#')).await?;
    let titles = page.texts("article.mention h2").await?;
    assert!(
        titles[0].contains("<script>window.__dyad_pwned = 3</script>"),
        "{titles:?}"
    );
    page.assert_nothing_ran().await?;
    page.shot("hostile-evidence.png").await?;
    Ok(())
}
