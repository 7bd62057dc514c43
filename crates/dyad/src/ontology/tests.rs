use super::*;

fn cameo() -> &'static Cameo {
    Cameo::get()
}

fn goldstein(code: &str) -> f32 {
    cameo()
        .lookup(code)
        .unwrap_or_else(|| panic!("code {code} missing"))
        .goldstein
}

/// A minimal valid table, to which the error tests add one bad line.
const SMALL: &str = "# comment\n\ncode\tname\tgoldstein\tdescription\n\
04\tConsult\t1.0\tConsultations.\n\
042\tMake a visit\t1.9\tVisit.\n\
19\tFight\t-10.0\tFighting.\n\
190\tUse conventional military force\t-10.0\tForce.\n";

fn parse_err(extra: &str) -> OntologyError {
    Cameo::parse(&format!("{SMALL}{extra}")).expect_err("should fail")
}

#[test]
fn embedded_table_parses_with_every_code() {
    let t = cameo();
    assert_eq!(t.len(), 316);
    assert_eq!(t.iter().count(), 316);
    assert_eq!(t.iter().filter(|c| c.level() == 1).count(), 20);
    assert_eq!(t.iter().filter(|c| c.level() == 2).count(), 149);
    assert_eq!(t.iter().filter(|c| c.level() == 3).count(), 147);
}

#[test]
fn every_root_present_with_its_number() {
    for root in 1..=20u8 {
        let code = format!("{root:02}");
        let entry = cameo().lookup(&code).expect("root present");
        assert_eq!(entry.root, root);
        assert_eq!(entry.level(), 1);
        assert_eq!(entry.parent(), None);
        assert_eq!(Some(entry), cameo().root(root));
        assert!(!entry.name.is_empty());
    }
    assert!(cameo().root(0).is_none());
    assert!(cameo().root(21).is_none());
}

#[test]
fn every_code_has_its_parents() {
    for c in cameo().iter() {
        assert!((2..=4).contains(&c.code.len()), "{}", c.code);
        assert!(c.code.bytes().all(|b| b.is_ascii_digit()), "{}", c.code);
        assert!(cameo().is_valid(c.root_code()), "root of {}", c.code);
        assert_eq!(Cameo::root_of(&c.code), Some(c.root));
        assert_eq!(quad_class(c.root), Some(c.quad));
        if c.code.len() == 4 {
            assert!(cameo().is_valid(&c.code[..3]), "3-digit parent of {}", c.code);
            assert_eq!(c.parent(), Some(&c.code[..3]));
        }
        assert!(!c.name.is_empty() && !c.description.is_empty(), "{}", c.code);
    }
}

#[test]
fn goldstein_within_range() {
    for c in cameo().iter() {
        assert!((-10.0..=10.0).contains(&c.goldstein), "{} {}", c.code, c.goldstein);
    }
}

#[test]
fn known_goldstein_values() {
    let expected: &[(&str, f32)] = &[
        ("01", 0.0),
        ("011", -0.1),
        ("012", -0.4),
        ("013", 0.4),
        ("016", -2.0),
        ("018", 3.4),
        ("022", 3.2),
        ("024", -0.3),
        ("031", 5.2),
        ("032", 4.5),
        ("0334", 6.0),
        ("036", 4.0),
        ("040", 1.0),
        ("042", 1.9),
        ("043", 2.8),
        ("044", 2.5),
        ("046", 7.0),
        ("051", 3.4),
        ("053", 3.8),
        ("057", 8.0),
        ("061", 6.4),
        ("072", 8.3),
        ("074", 8.5),
        ("0871", 9.0),
        ("0874", 10.0),
        ("090", -2.0),
        ("100", -5.0),
        ("111", -2.0),
        ("112", -2.0),
        ("120", -4.0),
        ("125", -5.0),
        ("13", -6.0),
        ("130", -4.4),
        ("131", -5.8),
        ("138", -7.0),
        ("141", -6.5),
        ("145", -7.5),
        ("150", -7.2),
        ("162", -5.6),
        ("163", -8.0),
        ("171", -9.2),
        ("172", -5.0),
        ("173", -5.0),
        ("175", -9.0),
        ("180", -9.0),
        ("182", -9.5),
        ("1823", -10.0),
        ("184", -8.0),
        ("190", -10.0),
        ("191", -9.5),
        ("195", -10.0),
        ("196", -9.5),
        ("201", -9.5),
        ("2042", -10.0),
    ];
    for &(code, value) in expected {
        assert_eq!(goldstein(code), value, "Goldstein of {code}");
    }
}

#[test]
fn codebook_names() {
    let name = |code: &str| cameo().lookup(code).unwrap().name.as_str();
    assert_eq!(name("01"), "Make public statement");
    assert_eq!(name("012"), "Make pessimistic comment");
    assert_eq!(name("036"), "Express intent to meet or negotiate");
    assert_eq!(name("043"), "Host a visit");
    assert_eq!(name("057"), "Sign formal agreement");
    assert_eq!(name("111"), "Criticize or denounce");
    assert_eq!(name("0871"), "Declare truce, ceasefire");
    assert_eq!(name("20"), "Use unconventional mass violence");
}

#[test]
fn quad_classes() {
    let quad = |code: &str| cameo().lookup(code).unwrap().quad;
    assert_eq!(quad("036"), QuadClass::VerbalCooperation);
    assert_eq!(quad("061"), QuadClass::MaterialCooperation);
    assert_eq!(quad("112"), QuadClass::VerbalConflict);
    assert_eq!(quad("145"), QuadClass::MaterialConflict);
    assert_eq!(quad("190"), QuadClass::MaterialConflict);
    assert_eq!(quad_class(5), Some(QuadClass::VerbalCooperation));
    assert_eq!(quad_class(6), Some(QuadClass::MaterialCooperation));
    assert_eq!(quad_class(9), Some(QuadClass::VerbalConflict));
    assert_eq!(quad_class(13), Some(QuadClass::VerbalConflict));
    assert_eq!(quad_class(14), Some(QuadClass::MaterialConflict));
    assert_eq!(quad_class(0), None);
    assert_eq!(quad_class(21), None);
    for n in 1..=4 {
        assert_eq!(QuadClass::from_number(n).map(QuadClass::number), Some(n));
    }
    assert_eq!(QuadClass::from_number(5), None);
    assert_eq!(QuadClass::VerbalConflict.name(), "Verbal conflict");
    assert_eq!(QuadClass::MaterialConflict.to_string(), "Material conflict");
}

#[test]
fn serializes_quad_class_as_number() {
    assert_eq!(serde_json::to_string(&QuadClass::VerbalConflict).unwrap(), "3");
    let json = serde_json::to_value(cameo().lookup("042").unwrap()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "code": "042",
            "name": "Make a visit",
            "description": json["description"],
            "goldstein": 1.9f32,
            "root": 4,
            "quad": 1,
        })
    );
    assert_eq!(
        serde_json::to_string(&cameo().lookup("042").unwrap().goldstein).unwrap(),
        "1.9"
    );
}

#[test]
fn root_of_codes() {
    assert_eq!(Cameo::root_of("0431"), Some(4));
    assert_eq!(Cameo::root_of("04"), Some(4));
    assert_eq!(Cameo::root_of("190"), Some(19));
    assert_eq!(Cameo::root_of("2042"), Some(20));
    for bad in ["", "0", "00", "21", "210", "---", "04a", "01234", "０４", "4"] {
        assert_eq!(Cameo::root_of(bad), None, "{bad:?}");
    }
}

#[test]
fn unknown_codes_are_none() {
    for bad in ["---", "--", "", "000", "0", "099", "0431", "215", " 042", "042 ", "é"] {
        assert!(cameo().lookup(bad).is_none(), "{bad:?}");
        assert!(!cameo().is_valid(bad), "{bad:?}");
    }
    assert!(cameo().is_valid("0211"));
}

#[test]
fn iter_is_hierarchical_order() {
    let codes: Vec<&str> = cameo().iter().map(|c| c.code.as_str()).collect();
    let at = codes.iter().position(|&c| c == "021").unwrap();
    assert_eq!(&codes[at..at + 6], ["021", "0211", "0212", "0213", "0214", "022"]);
    assert_eq!(codes.first(), Some(&"01"));
    assert_eq!(codes.last(), Some(&"2042"));
}

#[test]
fn small_table_parses() {
    let t = Cameo::parse(SMALL).unwrap();
    assert_eq!(t.len(), 4);
    assert_eq!(t.lookup("042").unwrap().goldstein, 1.9);
    // CRLF line endings are accepted.
    let t = Cameo::parse(&SMALL.replace('\n', "\r\n")).unwrap();
    assert_eq!(t.lookup("190").unwrap().name, "Use conventional military force");
}

#[test]
fn bad_goldstein_names_line() {
    let err = parse_err("043\tHost a visit\tabc\tHost.\n");
    assert_eq!(err.line(), Some(8));
    assert!(matches!(&err, OntologyError::BadGoldstein { value, .. } if value == "abc"));
    assert!(err.to_string().starts_with("line 8: "), "{err}");
    let err = parse_err("043\tHost a visit\t12.5\tHost.\n");
    assert_eq!(err.line(), Some(8));
    let err = parse_err("043\tHost a visit\tNaN\tHost.\n");
    assert_eq!(err.line(), Some(8));
}

#[test]
fn missing_column_names_line() {
    let err = parse_err("043\tHost a visit\t2.8\n");
    assert_eq!(err, OntologyError::Columns { line: 8, found: 3 });
    assert!(err.to_string().contains("line 8"), "{err}");
    let err = parse_err("043 Host a visit 2.8 Host.\n");
    assert_eq!(err, OntologyError::Columns { line: 8, found: 1 });
}

#[test]
fn duplicate_code_names_both_lines() {
    let err = parse_err("042\tMake a visit again\t1.9\tVisit.\n");
    assert_eq!(
        err,
        OntologyError::Duplicate {
            line: 8,
            code: "042".into(),
            first: 5
        }
    );
    assert_eq!(err.to_string(), "line 8: code 042 is already defined on line 5");
}

#[test]
fn missing_root_or_parent_names_line() {
    let err = parse_err("# a comment\n111\tCriticize or denounce\t-2.0\tCriticism.\n");
    assert_eq!(
        err,
        OntologyError::MissingParent {
            line: 9,
            code: "111".into(),
            parent: "11".into()
        }
    );
    let err = parse_err("0431\tSomething\t2.0\tSub-code without a 3-digit parent.\n");
    assert_eq!(err.line(), Some(8));
    assert!(matches!(&err, OntologyError::MissingParent { parent, .. } if parent == "043"));
    assert!(err.to_string().starts_with("line 8: "), "{err}");
}

#[test]
fn other_errors_name_line() {
    let err = parse_err("---\tNo code\t0.0\tTABARI style.\n");
    assert!(matches!(err, OntologyError::BadCode { line: 8, .. }), "{err}");
    let err = parse_err("21\tNo such root\t0.0\tOut of range.\n");
    assert!(matches!(err, OntologyError::BadCode { line: 8, .. }), "{err}");
    let err = parse_err("043\t\t2.8\tNo name.\n");
    assert!(matches!(err, OntologyError::EmptyName { line: 8, .. }), "{err}");
    let err = Cameo::parse("# only a comment\n04\tConsult\t1.0\tC.\n").unwrap_err();
    assert_eq!(err, OntologyError::MissingHeader { line: 2 });
    let err = Cameo::parse("code\tname\tgoldstein\tdescription\n").unwrap_err();
    assert_eq!(err, OntologyError::Empty);
    assert_eq!(err.line(), None);
    assert_eq!(Cameo::parse("").unwrap_err(), OntologyError::Empty);
}
