"""lang= across the package: tag, language_of, annotate, load_corpus, Timeline."""
import datetime
import json
import pickle

import pytest

import annals

D = datetime.date
FR = ("Le ministre a annoncé lundi que les négociations avec les rebelles reprendront le "
      "3 mars 2011 à Genève, selon un communiqué de la présidence.")
ES = ("El ministro dijo el miércoles que las negociaciones con los rebeldes comenzaron hace "
      "tres semanas en la capital, según un comunicado del Gobierno.")


def test_language_of_names_the_covered_languages_and_und():
    assert annals.language_of(FR) == "fr"
    assert annals.language_of(ES) == "es"
    assert annals.language_of("The minister said on Monday that talks would resume.") == "en"
    assert annals.language_of("Министр заявил в понедельник, что переговоры возобновятся.") == "und"


def test_tag_auto_reads_each_language_with_its_rules():
    got = {(t.text, t.value) for t in annals.tag(FR, "2013-01-30")}
    assert ("le 3 mars 2011", "2011-03-03") in got
    assert ("lundi", "2013-01-28") in got  # passé composé: the Monday before
    es = {(t.text, t.value) for t in annals.tag(ES, "2013-01-30")}
    assert ("hace tres semanas", "2013-W02") in es


def test_tag_lang_forces_the_rules_and_und_reads_digits_only():
    assert [t.value for t in annals.tag("Reunión el 2011-03-15 y el lunes", "2013-01-30",
                                        lang="und")] == ["2011-03-15"]
    # English rules on French text miss the French date words.
    assert all(t.text != "le 3 mars 2011" for t in annals.tag(FR, "2013-01-30", lang="en"))
    with pytest.raises(ValueError, match="unknown lang 'xx'"):
        annals.tag(FR, "2013-01-30", lang="xx")
    with pytest.raises(TypeError):
        annals.tag(FR, "2013-01-30", lang=3)


def test_annotate_records_the_language_and_pickles_it():
    docs = annals.annotate([("fr", "2013-01-30", FR), ("es", "2013-01-30", ES),
                            ("en", "2013-01-30", "Talks resumed on Monday, he said."),
                            ("forced", "2013-01-30", FR, "und")])
    assert [d.lang for d in docs] == ["fr", "es", "en", "und"]
    again = pickle.loads(pickle.dumps(docs[0]))
    assert again.lang == "fr" and again.timexes == docs[0].timexes
    assert [d.lang for d in annals.annotate([("x", "2013-01-30", ES)], lang="pt")] == ["pt"]


def test_load_corpus_honours_jsonl_lang_and_timeline_uses_it(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [{"id": "a", "time": "2013-01-30", "text": FR},
             {"id": "b", "time": "2013-01-31", "text": FR, "lang": "und"},
             {"id": "c", "time": "2013-02-01", "text": ES}]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    corpus = annals.load_corpus(path)
    assert corpus.lang == "auto" and corpus.languages == ["fr", "und", "es"]
    assert annals.load_corpus(path, lang="fr").languages == ["fr", "fr", "fr"]
    docs = annals.annotate(corpus)
    assert [d.lang for d in docs] == ["fr", "und", "es"]
    tl = annals.Timeline(corpus, query="négociations")
    assert D(2011, 3, 3) in tl.dates
    assert annals.Story(corpus, lang="fr").timeline(query="négociations").dates == \
        annals.Timeline(corpus, query="négociations", lang="fr").dates
