//! `dyad serve`: the dashboard and JSON API over a store (crate `dyad-server`).

use anyhow::Result;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Options of `dyad serve`.
#[derive(Args, Clone)]
pub struct ServeArgs {
    /// The store: an SQLite file or a PostgreSQL URL (created when missing, unless --read-only).
    #[arg(long, env = "DYAD_DB", hide_env_values = true, default_value = dyad_store::DEFAULT_DB)]
    db: PathBuf,
    /// The address to listen on; loopback only unless told otherwise.
    #[arg(long, default_value = dyad_server::DEFAULT_ADDR)]
    addr: SocketAddr,
    /// A file holding the bearer token that writes (POST /api/articles) need; without it,
    /// writes are refused.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Refuse every write and open the store read-only.
    #[arg(long)]
    read_only: bool,
    /// The largest request body accepted, in bytes.
    #[arg(long, default_value_t = dyad_server::DEFAULT_MAX_BODY as u64, value_parser = clap::value_parser!(u64).range(1..=1 << 30))]
    max_body: u64,
    /// How long one request may take, in seconds.
    #[arg(long, default_value_t = dyad_server::DEFAULT_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,
}

/// Serves until Ctrl-C.
pub fn run(a: ServeArgs) -> Result<bool> {
    let token = match &a.token_file {
        Some(path) if !a.read_only => Some(dyad_server::read_token(path)?),
        _ => None,
    };
    dyad_server::run(dyad_server::Config {
        db: a.db,
        addr: a.addr,
        token,
        read_only: a.read_only,
        max_body: usize::try_from(a.max_body).unwrap_or(usize::MAX),
        timeout: std::time::Duration::from_secs(a.timeout),
    })?;
    Ok(true)
}
