//! The document pass: reads the analysed sentences in order with the document's [`Memory`],
//! setting before each sentence what the document knows of it — the speaker and date of the
//! quotation it lies in, and the date of the article's lead.

use super::actors::{is_org, SentenceActors};
use super::{quotes, Coder, Memory};
use crate::analysis::{Analysis, SentenceAnalysis};
use crate::event::Actor;
use crate::ingest::Document;
use rustc_hash::FxHashMap;

impl Coder<'_> {
    /// Runs `f` on every sentence in order with the document's memory. Sentence at a time,
    /// the memory starts empty for every sentence.
    pub(super) fn document_pass(
        &self,
        doc: &Document,
        analysis: &Analysis,
        mut f: impl FnMut(&SentenceAnalysis, &mut Memory),
    ) {
        let sentences = &analysis.sentences;
        let alone = self.options.sentence_at_a_time;
        let dateline = doc.dateline.as_ref().and_then(|d| {
            let place = d.region.as_deref().filter(|_| d.place.is_empty()).unwrap_or(&d.place);
            let country = self
                .kb
                .country_of_place(place)
                .or_else(|| d.region.as_deref().and_then(|r| self.kb.country_of_place(r)))?;
            Some((country.code.clone(), d.place.clone()))
        });
        let mut memory = Memory::default();
        let quoted = if alone {
            vec![None; sentences.len()]
        } else {
            quotes::attributions(&doc.text, sentences)
        };
        // speakers by attribution, resolved once, with the memory of the quote's first sentence
        let mut speakers: FxHashMap<(usize, usize), Vec<Actor>> = FxHashMap::default();
        let lead_date = if alone {
            None
        } else {
            sentences.first().and_then(|s| super::dating::lead_date(doc, s))
        };
        // the headline first: it names the story's actors, and is coded like a sentence
        if let Some(t) = &analysis.title {
            memory.lead_date = lead_date;
            memory.dateline = dateline.clone().filter(|_| !alone);
            f(t, &mut memory);
            if alone {
                memory = Memory::default();
            }
        }
        for (i, s) in sentences.iter().enumerate() {
            if alone {
                memory = Memory::default();
            } else {
                memory.dateline = dateline.clone();
            }
            memory.lead_date = lead_date;
            memory.quote_date =
                quoted[i].and_then(|(_, attr)| super::dating::stated_date(&doc.text, &sentences[attr.sentence]));
            memory.quote = quoted[i].map(|(span, attr)| {
                let speaker = speakers
                    .entry((attr.sentence, attr.verb))
                    .or_insert_with(|| self.speaker(doc, &sentences[attr.sentence], attr.verb, &memory))
                    .clone();
                (speaker, span)
            });
            f(s, &mut memory);
        }
    }

    /// The actors of the subject of the speech verb at token `verb` of `s`: who speaks a
    /// quotation ("he" and "the minister" resolved against `memory`).
    fn speaker(&self, doc: &Document, s: &SentenceAnalysis, verb: usize, memory: &Memory) -> Vec<Actor> {
        let Some(subject) = s
            .clauses
            .iter()
            .find(|c| c.head == verb)
            .and_then(|c| c.subject.as_ref())
        else {
            return Vec::new();
        };
        let actors = SentenceActors::new(self.kb, self.words, &doc.text, s, doc.date, Some(memory)).outside_quote();
        actors
            .of_arg(subject)
            .into_iter()
            .filter(|a| a.code.is_some() && (a.country.is_some() || is_org(a)))
            .collect()
    }
}
