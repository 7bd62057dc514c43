//! The PETRARCH/TABARI dictionary readers: the same bytes read as a verb dictionary, an actor
//! dictionary, an agent dictionary, a discard list and an issue list (leniently and strictly),
//! then the lenient ones compiled together and a sentence coded with them.
#![no_main]

use dyad::coder::petrarch::{CodingOptions, Dictionaries, DictionaryCoder};
use dyad::kb::petrarch::{
    ActorDictionary, AgentDictionary, DictionaryFile, DiscardList, IssueList, LoadOptions, VerbDictionary,
};
use dyad::text::tagger::Tagger;
use libfuzzer_sys::fuzz_target;

const VERBS: &[u8] = b"--- VISIT [042] ---\nVISIT\n- * $ [042]\n";
const ACTORS: &[u8] = b"ARNOR_ [ARN]\nGONDOR_ [GON]\n";

fuzz_target!(|data: &[u8]| {
    for options in [LoadOptions::strict(), LoadOptions::lenient()] {
        let _ = VerbDictionary::parse("f.verbs", data, options);
        let _ = ActorDictionary::parse("f.actors", data, options);
        let _ = AgentDictionary::parse("f.agents", data, options);
        let _ = DiscardList::parse("f.discards", data, options);
        let _ = IssueList::parse("f.issues", data, options);
    }
    let lenient = LoadOptions::lenient();
    let fixed_verbs = VerbDictionary::parse("v", VERBS, lenient).expect("fixed verbs");
    let fixed_actors = ActorDictionary::parse("a", ACTORS, lenient).expect("fixed actors");
    let verbs = VerbDictionary::parse("f.verbs", data, lenient).ok();
    let actors = ActorDictionary::parse("f.actors", data, lenient).ok();
    let agents = AgentDictionary::parse("f.agents", data, lenient).ok();
    let discards = DiscardList::parse("f.discards", data, lenient).ok();
    let verbs = [fixed_verbs].into_iter().chain(verbs).collect::<Vec<_>>();
    let actors = [fixed_actors].into_iter().chain(actors).collect::<Vec<_>>();
    let Ok(dicts) = Dictionaries::from_parts(&verbs, &actors, agents.as_slice(), discards.as_slice()) else {
        return;
    };
    let coder = DictionaryCoder::new(dicts);
    let date = chrono::NaiveDate::from_ymd_opt(2024, 9, 4);
    for sentence in [
        "Gondor was visited by the Arnor minister.",
        "Arnor visited Gondor on Monday, the ministry said.",
    ] {
        let _ = coder.code_text(sentence, Tagger::embedded(), date, &CodingOptions::default());
    }
});
