//! PETRARCH validation records: the bytes read as a validation file (`<Environment>`,
//! `<Sentence>` records, `<Config>`), and its records run, from their text and from their
//! parse, with small fixed dictionaries.
#![no_main]

use dyad::coder::petrarch::validate::{self, ValidationFile};
use dyad::coder::petrarch::{Dictionaries, DictionaryCoder};
use dyad::kb::petrarch::{ActorDictionary, AgentDictionary, DictionaryFile, LoadOptions, VerbDictionary};
use dyad::text::tagger::Tagger;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn coder() -> &'static DictionaryCoder {
    static CODER: OnceLock<DictionaryCoder> = OnceLock::new();
    CODER.get_or_init(|| {
        let o = LoadOptions::lenient();
        let verbs = VerbDictionary::parse("v", b"--- VISIT [042] ---\nVISIT\n- * $ [042]\n- $ * + [042]\n", o).unwrap();
        let actors = ActorDictionary::parse("a", b"ARNOR_ [ARN]\nGONDOR_ [GON]\nOSGILIATH_ [OSG]\n", o).unwrap();
        let agents = AgentDictionary::parse("g", b"MINISTER [~GOV]\nSOLDIER [~MIL]\n", o).unwrap();
        DictionaryCoder::new(Dictionaries::from_parts(&[verbs], &[actors], &[agents], &[]).unwrap())
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(file) = ValidationFile::parse("fuzz.xml", &text) else {
        return;
    };
    for use_parse in [false, true] {
        let (outcomes, summary) = validate::run(&file, coder(), Tagger::embedded(), use_parse);
        assert_eq!(outcomes.len(), summary.records);
        assert_eq!(summary.passed + summary.failed, summary.records);
    }
});
