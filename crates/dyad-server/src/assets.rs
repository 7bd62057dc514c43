//! The dashboard's files and the OpenAPI document, embedded in the binary.

use crate::error::ApiError;
use axum::http::header;
use axum::response::{IntoResponse, Response};

const INDEX: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");
/// The OpenAPI 3.1 document of the API, as served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// `GET /`: the dashboard's page (its views are drawn by `app.js` from the API).
pub(crate) async fn index() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], INDEX).into_response()
}

/// `GET /assets/{file}`.
pub(crate) async fn asset(file: crate::handlers::PathArg) -> Result<Response, ApiError> {
    let file = crate::handlers::path_arg("file", file)?;
    let (kind, body) = match file.as_str() {
        "app.js" => ("text/javascript; charset=utf-8", APP_JS),
        "app.css" => ("text/css; charset=utf-8", APP_CSS),
        _ => {
            return Err(ApiError::not_found(format!(
                "/assets/{}: no such file",
                crate::params::printable(&file)
            )))
        }
    };
    Ok((
        [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-cache")],
        body,
    )
        .into_response())
}

/// `GET /api/openapi.json`.
pub(crate) async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
