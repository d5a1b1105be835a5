#include "app/taggers.h"

namespace annals::app {

Taggers::Taggers(std::string lang, std::string data_dir)
    : lang_(std::move(lang)), data_dir_(std::move(data_dir)) {}

std::string Taggers::Choose(std::string_view text) const {
  if (lang_ != "auto") return lang_;
  return std::string(LanguageOf(text));
}

std::string Taggers::Choose(const Document& doc, std::string* warning) const {
  if (warning) warning->clear();
  if (lang_ != "auto") return lang_;
  if (!doc.lang.empty()) {
    if (IsTaggerLanguage(doc.lang)) return doc.lang;
    if (warning)
      *warning = "unknown \"lang\" `" + doc.lang + "` (known: " + TaggerLanguageList() +
                 ", und); detected from the text instead";
  }
  return std::string(LanguageOf(doc.text));
}

const Tagger& Taggers::For(const std::string& lang) const {
  if (data_dir_.empty()) return Tagger::ForLanguage(lang);
  std::lock_guard<std::mutex> lock(mu_);
  auto& t = loaded_[lang];
  if (!t) t = Tagger::FromDirectory(data_dir_, lang);
  return *t;
}

std::vector<AnnotatedDocument> Taggers::AnnotateAll(
    std::vector<Document> docs, int threads,
    const std::function<void(size_t, size_t)>& progress) const {
  if (data_dir_.empty()) return annals::AnnotateAll(std::move(docs), lang_, threads, progress);
  for (const Document& d : docs) For(Choose(d));
  return annals::AnnotateAll(
      std::move(docs), [this](const Document& d) -> const Tagger& { return For(Choose(d)); },
      threads, progress);
}

std::string CheckLangOption(std::string_view value) {
  if (value == "auto" || IsTaggerLanguage(value)) return "";
  return "unknown language `" + std::string(value) + "` for --lang (one of: auto, " +
         TaggerLanguageList() + ", und)";
}

std::string LangValue(ArgReader& r) {
  std::string lang = r.Value("a language");
  if (std::string why = CheckLangOption(lang); !why.empty()) throw UsageError(why);
  return lang;
}

std::string WithLangHelp(std::string help) {
  const size_t at = help.find("@LANG@");
  if (at != std::string::npos) help.replace(at, 6, kLangHelp);
  return help;
}

}  // namespace annals::app
