//! Where events happened: the gazetteer ([`gazetteer`], GeoNames places shipped in
//! `data/geo/`) and the choice of each event's location from its sentence, the destination of
//! a visit, its paragraph or the article's dateline ([`locate`]).

pub mod gazetteer;
pub mod locate;

pub use gazetteer::{distance_km, Gazetteer, Place, PlaceKind};
pub use locate::{locate, Location, LocationSource};
