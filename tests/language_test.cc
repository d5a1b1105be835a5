// Text layer for languages other than English: language identification,
// case folding, stemming, stopwords and per-language sentence splitting.
#include "text/language.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "text/casefold.h"
#include "text/sentences.h"
#include "text/stemmer.h"
#include "text/tokenizer.h"

namespace annals {
namespace {

std::string Lang(std::string_view text) { return std::string(DetectLanguage(text).lang); }

TEST(DetectLanguage, NamesEachLanguageFromOneSentence) {
  EXPECT_EQ(Lang("The government said on Monday that it would not change the law."), "en");
  EXPECT_EQ(Lang("El gobierno dijo el lunes que no cambiaría la ley de los trabajadores."), "es");
  EXPECT_EQ(Lang("Le gouvernement a déclaré lundi qu'il ne changerait pas la loi."), "fr");
  EXPECT_EQ(Lang("Die Regierung sagte am Montag, dass sie das Gesetz nicht ändern werde."), "de");
  EXPECT_EQ(Lang("Il governo ha detto lunedì che non cambierà la legge per i lavoratori."), "it");
  EXPECT_EQ(Lang("O governo disse na segunda-feira que não vai mudar a lei dos trabalhadores."),
            "pt");
}

TEST(DetectLanguage, CapitalsAndAccentsFold) {
  EXPECT_EQ(Lang("EL GOBIERNO DIJO QUE NO CAMBIARÍA LA LEY DE LOS TRABAJADORES"), "es");
  EXPECT_EQ(Lang("DIE REGIERUNG SAGTE, DASS SIE DAS GESETZ FÜR DIE ARBEITER NICHT ÄNDERT"), "de");
  EXPECT_EQ(Lang("L’armée a été déployée dans la capitale et les rues sont vides."), "fr");
}

TEST(DetectLanguage, TypicalLettersSettleSharedFunctionWords) {
  // para, que, de: as Spanish as Portuguese; ñ and ã decide.
  EXPECT_EQ(Lang("Para mañana, que llueva de nuevo"), "es");
  EXPECT_EQ(Lang("Para amanhã, que chova de novo"), "pt");
  // Letters alone are not enough to name a language.
  EXPECT_EQ(Lang("Señor Muñoz"), "und");
}

TEST(DetectLanguage, OtherScriptsAndTooLittleTextAreUndetermined) {
  const LanguageGuess ru =
      DetectLanguage("Правительство заявило в понедельник, что не изменит закон.");
  EXPECT_EQ(ru.lang, kUndetermined);
  EXPECT_GT(ru.confidence, 0.9);
  EXPECT_EQ(Lang("قالت الحكومة يوم الاثنين إنها لن تغير القانون"), "und");
  EXPECT_EQ(Lang("政府周一表示不会修改法律"), "und");
  EXPECT_EQ(Lang(""), "und");
  EXPECT_EQ(Lang("2011-03-04 12:00"), "und");
  EXPECT_EQ(Lang("Barack Obama"), "und");
  // Dutch is Latin script but none of ours: too few of any list's words.
  EXPECT_EQ(Lang("Het kabinet heeft maandag gezegd dat het de wet niet zal veranderen, "
                 "omdat de werknemers daar geen baat bij hebben."),
            "und");
}

TEST(DetectLanguage, IllFormedUtf8IsJudgedByItsWords) {
  // Latin-1 French: the accented letters are not UTF-8 and break words,
  // the ASCII function words still tell the language.
  EXPECT_EQ(Lang("Le gouvernement a d\xe9"
                 "clar\xe9 lundi qu'il ne changerait pas la loi."),
            "fr");
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>(0x80 + i % 128);
  EXPECT_EQ(Lang(junk), "und");
  EXPECT_EQ(Lang(std::string(10000, '\0')), "und");
}

TEST(DetectLanguage, LongDocumentsAreSampledAcrossTheText) {
  std::string en, es;
  for (int i = 0; i < 200; ++i) en += "The army said that it was not in the city. ";
  for (int i = 0; i < 200; ++i) es += "El ejército dijo que no estaba en la ciudad. ";
  EXPECT_EQ(Lang(en), "en");
  EXPECT_EQ(Lang(es), "es");
  // A document that changes language is judged by most of its windows,
  // not by its first lines alone.
  EXPECT_EQ(Lang(en.substr(0, 600) + es + es), "es");
  const LanguageGuess g = DetectLanguage(en + en + en + en + en);
  EXPECT_LE(g.words, kLanguageSampleBytes / 2);  // a bounded sample
  EXPECT_GT(g.confidence, 0.5);
}

TEST(FoldCase, FoldsBeyondAscii) {
  EXPECT_EQ(FoldCase("ÉTÉ"), "été");
  EXPECT_EQ(FoldCase("Été"), "été");
  EXPECT_EQ(FoldCase("MARÇO"), "março");
  EXPECT_EQ(FoldCase("ÜBER"), "über");
  EXPECT_EQ(FoldCase("Straße"), "strasse");
  EXPECT_EQ(FoldCase("STRASSE"), FoldCase("straße"));
  EXPECT_EQ(FoldCase("İ"), "i\u0307");
  EXPECT_EQ(FoldCase("ΣΊΣΥΦΟΣ"), FoldCase("σίσυφος"));
  EXPECT_EQ(FoldCase("Mixed ASCII 123"), "mixed ascii 123");
  // Ill-formed bytes are kept, never dropped.
  EXPECT_EQ(FoldCase("A\xff"
                     "B\xc3"),
            "a\xff"
            "b\xc3");
}

TEST(FoldCase, LetterClasses) {
  EXPECT_TRUE(IsLowerLetterAt("über", 0));
  EXPECT_FALSE(IsLowerLetterAt("Über", 0));
  EXPECT_TRUE(IsLowerLetterAt("aB", 0));
  EXPECT_FALSE(IsLowerLetterAt("aB", 1));
  EXPECT_FALSE(IsLowerLetterAt("\xc3", 0));
  size_t len = 0;
  EXPECT_TRUE(IsLetterAt("Ñu", 0, &len));
  EXPECT_EQ(len, 2u);
  EXPECT_FALSE(IsLetterAt("«", 0, &len));
  EXPECT_EQ(len, 0u);
}

TEST(Stemmer, SnowballPerLanguage) {
  Stemmer es("es"), fr("fr"), de("de"), it("it"), pt("pt");
  ASSERT_TRUE(es.ok());
  EXPECT_EQ(es.Stem("manifestaciones"), es.Stem("manifestación"));
  EXPECT_EQ(fr.Stem("manifestations"), fr.Stem("manifestation"));
  EXPECT_EQ(de.Stem("regierungen"), de.Stem("regierung"));
  EXPECT_EQ(it.Stem("elezioni"), it.Stem("elezione"));
  EXPECT_EQ(pt.Stem("governos"), pt.Stem("governo"));
  EXPECT_EQ(pt.Stem("manifestações"), pt.Stem("manifestação"));
  EXPECT_NE(es.Stem("gobierno"), "gobierno");
  EXPECT_EQ(StemWord("fr", "manifestations"), fr.Stem("manifestations"));
}

TEST(Stemmer, UnknownLanguageAndBadInputReturnTheWord) {
  Stemmer none("xx");
  EXPECT_FALSE(none.ok());
  EXPECT_EQ(none.Stem("words"), "words");
  Stemmer de("de");
  EXPECT_EQ(de.Stem("bad\xff"), "bad\xff");
  EXPECT_EQ(de.Stem(""), "");
  const std::string huge(kMaxStemBytes + 1, 'a');
  EXPECT_EQ(de.Stem(huge), huge);
}

TEST(Stemmer, StemWordIsSafeAcrossThreads) {
  const std::string want = StemWord("es", "manifestaciones");
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        if (StemWord("es", "manifestaciones") != want) ++wrong[t];
        StemWord("es", "gobiernos");
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
}

TEST(Stopwords, PerLanguageFolded) {
  EXPECT_TRUE(Stopwords("en").count("the"));
  EXPECT_TRUE(Stopwords("es").count("los"));
  EXPECT_TRUE(Stopwords("fr").count("été"));
  EXPECT_TRUE(Stopwords("de").count("dass"));
  EXPECT_TRUE(Stopwords("it").count("della"));
  EXPECT_TRUE(Stopwords("pt").count("não"));
  EXPECT_FALSE(Stopwords("es").count("gobierno"));
  EXPECT_TRUE(Stopwords("xx").empty());
  for (std::string_view l : kLanguages) {
    EXPECT_GE(Stopwords(l).size(), 100u) << l;
    for (const std::string& w : Stopwords(l)) EXPECT_EQ(FoldCase(w), w) << l;
  }
}

std::vector<std::string> Split(std::string_view text, std::string_view lang) {
  std::vector<std::string> out;
  for (const SentenceSpan& s : SplitSentences(text, lang, SentenceStyle::kRaw)) {
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

TEST(SentencesPerLanguage, AbbreviationsDoNotEndSentences) {
  EXPECT_EQ(Split("Lo dijo el Sr. García. La Sra. López y Dña. Ana no.", "es").size(), 2u);
  EXPECT_EQ(Split("M. Dupont et Mme Durand sont arrivés. MM. Martin aussi.", "fr").size(), 2u);
  EXPECT_EQ(Split("Er kam z. B. am Montag. Das war gut.", "de").size(), 2u);
  EXPECT_EQ(Split("Es gab Äpfel bzw. Birnen. Das war gut.", "de").size(), 2u);
  EXPECT_EQ(Split("Il Dott. Rossi e il Sig. Bianchi sono partiti. Poi è piovuto.", "it").size(),
            2u);
  EXPECT_EQ(Split("O Sr. Silva e a Dra. Costa chegaram. Depois choveu.", "pt").size(), 2u);
}

TEST(SentencesPerLanguage, OneLetterStartersStayInitials) {
  // "L" and "O" are starters (L'armée, O governo) but before a period an
  // initial.
  EXPECT_EQ(Split("William L. Swing est arrivé mardi. L'armée aussi.", "fr").size(), 2u);
  EXPECT_EQ(Split("Falou com João O. Silva ontem. O governo negou.", "pt").size(), 2u);
  // After an `other` abbreviation they still start a sentence.
  EXPECT_EQ(Split("Il y avait des chars, des avions, etc. L'armée est partie.", "fr").size(), 2u);
}

TEST(SentencesPerLanguage, GermanOrdinalsAndLowerCaseStarts) {
  EXPECT_EQ(Split("Er kam am 3. März 2011 nach Berlin. Dort blieb er.", "de").size(), 2u);
  EXPECT_EQ(Split("Im 19. Jahrhundert war das anders. Heute nicht.", "de").size(), 2u);
  // A year is no ordinal; an ordinal before a sentence starter still ends.
  EXPECT_EQ(Split("Das war im Jahr 2011. Merkel sagte nichts.", "de").size(), 2u);
  EXPECT_EQ(Split("Er wurde Dritter im Rennen Nr. 3. Die Mannschaft jubelte.", "de").size(), 2u);
  EXPECT_EQ(Split("Es kam etc. über alles.", "de").size(), 1u);
  // English splits "3. March" as before: a sentence ends.
  EXPECT_EQ(Split("He came on day 3. March was cold.", "en").size(), 2u);
}

TEST(SentencesPerLanguage, EnglishAndUnknownCodesSplitAsBefore) {
  const std::string text =
      "Mr. Smith went to Washington. He said: \"No.\" Then Dr. Jones arrived at 3 p.m. The end.";
  const std::vector<SentenceSpan> before = SplitSentences(text);
  EXPECT_EQ(SplitSentences(text, "en"), before);
  EXPECT_EQ(SplitSentences(text, "xx"), before);
}

TEST(SentencesPerLanguage, RandomBytesGiveOrderedSpansInEveryLanguage) {
  // Bytes biased towards the splitter's and the folder's special cases:
  // periods, digits, abbreviations' letters, UTF-8 lead and continuation
  // bytes, white space.
  const std::string alphabet = std::string(". .3zBM\xc3\xa9\xc3\x9c\xe2\x80\x99\n\xff") + "etc";
  uint32_t seed = 12345;
  std::string text;
  for (int i = 0; i < 200000; ++i) {
    seed = seed * 1103515245u + 12345u;
    text += alphabet[(seed >> 16) % alphabet.size()];
  }
  for (std::string_view lang : kLanguages) {
    size_t last = 0;
    for (const SentenceSpan& s : SplitSentences(text, lang, SentenceStyle::kRaw)) {
      ASSERT_LE(last, s.begin) << lang;
      ASSERT_LT(s.begin, s.end) << lang;
      ASSERT_LE(s.end - s.begin, kMaxSentenceBytes) << lang;
      last = s.end;
    }
    ASSERT_LE(last, text.size());
  }
  const std::string folded = FoldCase(text);
  EXPECT_EQ(FoldCase(folded), folded);  // folding is idempotent, bad bytes and all
  DetectLanguage(text);                 // no crash; any answer
}

}  // namespace
}  // namespace annals

namespace annals {
namespace {

TEST(TokenizerUnicode, WordsBeyondAsciiAreCaseFoldedAndKeepTheirCapital) {
  const std::vector<Token> t = Tokenize("Über MÄRZ été 1º l'année");
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(t[0].norm, "über");
  EXPECT_TRUE(t[0].capitalized);
  EXPECT_EQ(t[1].norm, "märz");
  EXPECT_EQ(t[2].norm, "été");
  EXPECT_FALSE(t[2].capitalized);
  EXPECT_EQ(t[3].norm, "1");
  EXPECT_EQ(t[4].norm, "º");  // the ordinal indicator is a suffix word, like "st"
  EXPECT_FALSE(t[4].space_before);
  EXPECT_EQ(t[5].norm, "l");
  EXPECT_EQ(t[6].norm, "'");
  EXPECT_EQ(t[7].norm, "année");
  // Offsets stay those of the original bytes.
  EXPECT_EQ(t[1].end - t[1].begin, 5u);
}

TEST(StripAccentsTest, DropsMarksKeepsLetters) {
  EXPECT_EQ(StripAccents("février"), "fevrier");
  EXPECT_EQ(StripAccents("sábado"), "sabado");
  EXPECT_EQ(StripAccents("märz"), "marz");
  EXPECT_EQ(StripAccents("straße"), "straße");
  EXPECT_EQ(StripAccents("plain"), "plain");
  EXPECT_EQ(StripAccents(std::string("a\xff")), std::string("a\xff"));  // ill-formed kept
}

}  // namespace
}  // namespace annals
