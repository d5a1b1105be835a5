// The official TempEval-3 toolkit's tokenizer and token labelling,
// reproduced from its sources (TimeML-Normalizer.jar, decompiled classes
// timemlnormalizer.Tokenizer and TimeML_Normalizer.merge_tok_n_tml,
// xml_parsers.XmlAttribs; program-data/tokenizer/tokenize.pl run as
// `perl tokenize.pl -e -a english-abbreviations FILE`). Each function below
// names the piece of the toolkit it reproduces; where the toolkit's
// behaviour is odd, the oddity is kept on purpose, because it changes what
// the official scorer counts.
#include "eval/te3_normalizer.h"

#include <set>

#include "text/embedded.h"

namespace annals::te3 {

std::u32string Decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    char32_t c = b;
    bool ok = len > 0 && i + len <= s.size();
    if (ok && len > 1) {
      c = b & (0x7F >> len);
      for (size_t k = 1; k < len && ok; ++k) {
        unsigned char cb = static_cast<unsigned char>(s[i + k]);
        ok = (cb & 0xC0) == 0x80;
        c = (c << 6) | (cb & 0x3F);
      }
    }
    if (!ok) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    out.push_back(c);
    i += len;
  }
  return out;
}

std::string Encode(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

namespace {

// ---- tokenize.pl (Helmut Schmid's tokenizer, English mode) -----------------

// Perl's \s on a character string (the script reads UTF-8: `use utf8`,
// `use open ':utf8'`): no-break and other Unicode spaces split words too.
bool PerlSpace(char32_t c) {
  return c == ' ' || (c >= 9 && c <= 13) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}
bool Letter(char32_t c) {  // [a-zA-ZÀ-ÿ]
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xFF);
}
bool Upper(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDD); }  // [A-ZÀ-Ý]
// The octal escapes \202 ... \233 of the script's classes (C1 controls).
bool C1Quote(char32_t c) {
  return c == 0x82 || c == 0x84 || c == 0x86 || c == 0x87 || c == 0x8B ||
         (c >= 0x91 && c <= 0x97) || c == 0x9B;
}
// $PChar: cut off at the beginning of a word.
bool PChar(char32_t c) {
  return c == '[' || c == '{' || c == '(' || c == 0xB4 || c == '`' || c == '"' || c == 0xBB ||
         c == 0xAB || C1Quote(c);
}
// $FChar: cut off at the end of a word.
bool FChar(char32_t c) {
  switch (c) {
    case ']':
    case '}':
    case '\'':
    case '`':
    case '"':
    case ')':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case '%':
    case 0xBB:
    case 0xAB:
    case 0x85:
    case 0x89:
      return true;
    default:
      return C1Quote(c);
  }
}

// -a english-abbreviations: words kept whole (data/text, the toolkit's list).
const std::set<std::u32string>& Abbreviations() {
  static const std::set<std::u32string> kSet = [] {
    std::set<std::u32string> s;
    for (std::string_view line :
         embedded::DataLines(embedded::File("text/te3-english-abbreviations.txt"))) {
      size_t b = line.find_first_not_of(" \t");
      if (b != std::string_view::npos) s.insert(Decode(line.substr(b)));
    }
    return s;
  }();
  return kSet;
}

// `s/(A)(B)/$1 $2/g` for one-character A and B: a space between every
// non-overlapping match, scanning left to right as Perl does.
template <typename Match>
std::u32string SpaceBetween(const std::u32string& in, Match match) {
  std::u32string out;
  out.reserve(in.size() + 8);
  size_t i = 0;
  while (i < in.size()) {
    if (i + 1 < in.size() && match(in[i], in[i + 1])) {
      out += in[i];
      out += ' ';
      out += in[i + 1];
      i += 2;
    } else {
      out += in[i++];
    }
  }
  return out;
}

// The "normal text" branch of the script for one segment: punctuation
// spacing, then each white-space separated word cut into tokens.
void TokenizeText(const std::u32string& segment, std::vector<std::u32string>* out) {
  std::u32string s = U" " + segment + U" ";
  {  // s/(\.\.\.)/ ... /g
    std::u32string t;
    for (size_t i = 0; i < s.size();) {
      if (s.compare(i, 3, U"...") == 0) {
        t += U" ... ";
        i += 3;
      } else {
        t += s[i++];
      }
    }
    s = std::move(t);
  }
  // s/([;\!\?\/])([^ ])/$1 $2/g and s/(,)([^ 0-9.])/$1 $2/g
  s = SpaceBetween(s, [](char32_t a, char32_t b) {
    return (a == ';' || a == '!' || a == '?' || a == '/') && b != ' ';
  });
  s = SpaceBetween(s, [](char32_t a, char32_t b) {
    return a == ',' && b != ' ' && !(b >= '0' && b <= '9') && b != '.';
  });
  {  // s/([a-zA-ZÀ-ÿ][a-zA-ZÀ-ÿ][.:])([A-ZÀ-Ý])/$1 $2/g
    std::u32string t;
    for (size_t i = 0; i < s.size();) {
      if (i + 3 < s.size() && Letter(s[i]) && Letter(s[i + 1]) &&
          (s[i + 2] == '.' || s[i + 2] == ':') && Upper(s[i + 3])) {
        t.append(s, i, 3);
        t += ' ';
        t += s[i + 3];
        i += 4;
      } else {
        t += s[i++];
      }
    }
    s = std::move(t);
  }
  const std::set<std::u32string>& abbrev = Abbreviations();
  size_t i = 0;
  while (i < s.size()) {  // @F = split;
    if (PerlSpace(s[i])) {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < s.size() && !PerlSpace(s[i])) ++i;
    std::u32string w = s.substr(b, i - b);
    std::vector<std::u32string> suffix;  // printed after the word, in order
    while (abbrev.count(w) == 0) {
      if (w.size() >= 2 && PChar(w[0])) {  // s/^([$PChar])(.)/$2/
        out->push_back(w.substr(0, 1));
        w.erase(0, 1);
      } else if (w.size() >= 2 && FChar(w.back())) {  // s/(.)([$FChar])$/$1/
        suffix.insert(suffix.begin(), w.substr(w.size() - 1));
        w.pop_back();
      } else if (w.size() >= 2 && w.back() == '.' && FChar(w[w.size() - 2])) {
        // s/([$FChar])\.$//: "." goes to the suffix; the FChar too, unless
        // it was the whole word, which it then becomes.
        std::u32string f = w.substr(w.size() - 2, 1);
        suffix.insert(suffix.begin(), U".");
        w.erase(w.size() - 2);
        if (w.empty()) {
          w = f;
        } else {
          suffix.insert(suffix.begin(), f);
        }
      } else {
        break;
      }
    }
    auto emit = [&] {
      out->push_back(w);
      out->insert(out->end(), suffix.begin(), suffix.end());
    };
    if (abbrev.count(w) != 0) {
      emit();
      continue;
    }
    bool dotted = !w.empty() && w.size() % 2 == 0;  // /^([A-Za-zÀ-ÿ]\.)+$/ (U.S.A.)
    for (size_t k = 0; dotted && k < w.size(); k += 2) dotted = Letter(w[k]) && w[k + 1] == '.';
    if (dotted) {
      emit();
      continue;
    }
    if (w.size() >= 2 && w.back() == '.' && w != U"...") {  // /^(..*)\.$/
      w.pop_back();
      suffix.insert(suffix.begin(), U".");
      if (abbrev.count(w) != 0) {
        emit();
        continue;
      }
    }
    // English clitics: s/(.)('(s|re|ve|d|m|em|ll)|n't)$/$1/ while it matches.
    static const std::u32string kClitics[] = {U"'s", U"'re", U"'ve", U"'d",
                                              U"'m", U"'em", U"'ll", U"n't"};
    for (bool cut = true; cut;) {
      cut = false;
      for (const std::u32string& cl : kClitics) {
        if (w.size() > cl.size() && w.compare(w.size() - cl.size(), cl.size(), cl) == 0) {
          suffix.insert(suffix.begin(), cl);
          w.erase(w.size() - cl.size());
          cut = true;
          break;
        }
      }
    }
    emit();
  }
}

// One input line of the script (`while (<>)`): tags <...> and entities
// &...; become segments of their own, a tag segment is printed as it is.
void TokenizeLine(std::u32string line, std::vector<std::u32string>* out) {
  std::u32string clean;      // s/\r//g, and the \377 (ÿ) placeholder dance:
  for (char32_t c : line) {  // a real ÿ ends up as a blank (tr/\377/ /).
    if (c != '\r') clean += c == 0xFF ? U' ' : c;
  }
  // Split into segments: s/(<[^<>]*>)/\377$1\377/g then
  // s/(&[^; \t\n\r]*;)/\377$1\377/g, empty segments dropped.
  std::vector<std::pair<std::u32string, bool>> segments;  // (text, is_tag)
  std::u32string text;
  auto flush = [&] {
    if (!text.empty()) segments.emplace_back(std::move(text), false);
    text.clear();
  };
  for (size_t i = 0; i < clean.size();) {
    if (clean[i] == '<') {
      size_t j = i + 1;
      while (j < clean.size() && clean[j] != '<' && clean[j] != '>') ++j;
      if (j < clean.size() && clean[j] == '>') {
        flush();
        segments.emplace_back(clean.substr(i, j + 1 - i), true);
        i = j + 1;
        continue;
      }
    } else if (clean[i] == '&') {
      size_t j = i + 1;
      while (j < clean.size() && clean[j] != ';' && clean[j] != ' ' && clean[j] != '\t' &&
             clean[j] != '\n' && clean[j] != '\r' && clean[j] != '<' && clean[j] != '>') {
        ++j;
      }
      if (j < clean.size() && clean[j] == ';') {
        flush();
        segments.emplace_back(clean.substr(i, j + 1 - i), false);
        i = j + 1;
        continue;
      }
    }
    text += clean[i++];
  }
  flush();
  for (const auto& [seg, is_tag] : segments) {
    if (is_tag) {
      out->push_back(seg);  // if (/^<.*>$/) { print $_ }
    } else {
      TokenizeText(seg, out);
    }
  }
}

bool JavaSpace(char32_t c) { return c == ' ' || (c >= 9 && c <= 13); }  // Java regex \s

// Java's s.replaceAll("\\s+", " ").trim(): runs of white space become one
// space, then code points up to ' ' are cut from both ends.
std::u32string CollapseAndTrim(std::u32string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    if (JavaSpace(s[i])) {
      while (i < s.size() && JavaSpace(s[i])) ++i;
      out += ' ';
    } else {
      out += s[i++];
    }
  }
  size_t b = 0, e = out.size();
  while (b < e && out[b] <= ' ') ++b;
  while (e > b && out[e - 1] <= ' ') --e;
  return out.substr(b, e - b);
}

}  // namespace

std::vector<std::u32string> Tokenize(std::u32string_view plain) {
  std::vector<std::u32string> perl;
  for (size_t b = 0; b < plain.size();) {
    size_t e = plain.find('\n', b);
    e = e == std::u32string_view::npos ? plain.size() : e + 1;
    TokenizeLine(std::u32string(plain.substr(b, e - b)), &perl);
    b = e;
  }
  // timemlnormalizer.Tokenizer.execute, for each line perl printed:
  //   line = line.replaceAll("\\s+", " ").trim().replaceAll("\\|", "-");
  //   if (line.length() > 0) { if (line.matches("[^-]+-[^-]+"))
  //     line = line.replaceAll("-", "\n-\n"); write(line + "\n"); }
  std::vector<std::u32string> tokens;
  for (const std::u32string& raw : perl) {
    std::u32string line = CollapseAndTrim(raw);
    for (char32_t& c : line) {
      if (c == '|') c = '-';  // a '|' in the text can then never be aligned
    }
    if (line.empty()) continue;
    size_t dash = line.find('-');
    if (dash != 0 && dash != std::u32string::npos && dash + 1 < line.size() &&
        line.find('-', dash + 1) == std::u32string::npos) {
      tokens.push_back(line.substr(0, dash));
      tokens.push_back(U"-");
      tokens.push_back(line.substr(dash + 1));
    } else {
      tokens.push_back(std::move(line));
    }
  }
  return tokens;
}

namespace {

char32_t Lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

bool EqualsIgnoreCase(std::u32string_view a, std::u32string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

constexpr char32_t kEof = 0xFFFF;  // (char) -1: Java's read() at end of file

}  // namespace

// TimeML_Normalizer.merge_tok_n_tml, statement for statement. The state that
// decides the labels: a tag met while reading a token's characters belongs
// to that token; an opening EVENT/TIMEX3 tag makes the token B (the last
// one met wins: two timexes inside one token give one B); a closing tag met
// before the token's first character closes at once, one met inside the
// token that opened the element closes after that token ("delayed"), and
// one met inside a later token closes before it, so that token is O.
bool LabelTokens(std::u32string_view raw, const std::vector<std::u32string>& tokens,
                 std::vector<TokenLabel>* labels, std::string* error) {
  labels->clear();
  size_t pos = 0;
  auto read = [&]() -> char32_t { return pos < raw.size() ? raw[pos++] : kEof; };
  // Skip to the <TEXT> tag (compared ignoring case, attributes included).
  for (;;) {
    char32_t c = read();
    if (c == kEof) {
      *error = "Premature end of model file (no <TEXT>)";
      return false;
    }
    if (c != '<') continue;
    std::u32string tag;
    c = read();
    do {  // the first character after '<' is taken even if it is '>'
      tag += c;
      c = read();
      if (c == kEof) {
        *error = "Premature end of model file";
        return false;
      }
    } while (c != '>');
    if (EqualsIgnoreCase(tag, U"TEXT")) break;
  }
  char32_t cxml = 0;
  char bio = 'O';
  std::u32string tag, attribs = U"-", in_tag, in_attribs = U"-";
  for (const std::u32string& line : tokens) {
    // (The Java also tracks interTokenTag, only to print warnings.)
    bool find_token_iter = false, delayed_closing = false;
    char32_t prevxmlchar = 'x';
    for (long cn = 0; cn < static_cast<long>(line.size()); ++cn) {
      char32_t cpipes = line[static_cast<size_t>(cn)];
      prevxmlchar = cxml;
      cxml = read();
      if (Lower(cpipes) == Lower(cxml)) continue;
      if (cxml == ' ' || cxml == '\n' || cxml == '\r' || cxml == '\t') {
        --cn;
      } else if (cxml == '<') {
        --cn;
        while ((cxml = read()) != kEof && cxml != '>') tag += cxml;
        size_t b = 0, e = tag.size();  // tag.trim()
        while (b < e && tag[b] <= ' ') ++b;
        while (e > b && tag[e - 1] <= ' ') --e;
        tag = tag.substr(b, e - b);
        size_t sp = tag.find(' ');
        if (sp != std::u32string::npos) {
          attribs = tag.substr(sp + 1);
          tag = tag.substr(0, sp);
        }
        if (EqualsIgnoreCase(tag, U"EVENT") || EqualsIgnoreCase(tag, U"TIMEX3")) {
          find_token_iter = true;
          if (!in_tag.empty() && in_tag != tag) {
            *error = "Nested tags (" + Encode(tag) + "/" + Encode(in_tag) + ")";
            return false;
          }
          in_tag = tag;
          in_attribs = attribs;
          tag.clear();
          attribs = U"-";
          bio = 'B';
        }
        if (!tag.empty() && tag[0] == '/' && EqualsIgnoreCase(tag.substr(1), in_tag)) {
          if (find_token_iter) {
            if (cn >= 0) {
              delayed_closing = true;
            } else {
              bio = 'O';
              in_tag.clear();
              in_attribs = U"-";
              find_token_iter = false;
            }
          } else {
            bio = 'O';
            in_tag.clear();
          }
        }
        tag.clear();
        attribs = U"-";
      } else {
        // An entity: "&amp;" matches its '&', the rest is skipped; any
        // other entity (&lt; &quot; &#...;) is skipped and the token's
        // character then meets the next XML character, which usually fails.
        if (cxml != '&' && (prevxmlchar != '&' || cxml != 'a')) {
          *error = "Distinct chars cxml(" + Encode(std::u32string(1, cxml)) + ") cpipes(" +
                   Encode(std::u32string(1, cpipes)) + ")";
          return false;
        }
        --cn;
        while ((cxml = read()) != kEof && cxml != ';') {
        }
      }
    }
    TokenLabel l;
    l.label = bio == 'O' ? U"O" : std::u32string(1, static_cast<char32_t>(bio)) + U"-" + in_tag;
    l.attribs = in_attribs;
    labels->push_back(std::move(l));
    if (bio == 'B') {
      bio = 'I';
      in_attribs = U"-";
    }
    if (delayed_closing) {
      bio = 'O';
      in_tag.clear();
      in_attribs = U"-";
    }
  }
  return true;
}

namespace {

bool JavaLineTerminator(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// attrs.matches(".*=\"[^\"]*\"\\s+.*"): some `="..."` followed by white
// space, with no line terminator outside the quotes and the white space.
bool LooksLikeXmlAttrs(std::u32string_view a) {
  for (size_t i = 0; i + 1 < a.size(); ++i) {
    if (JavaLineTerminator(a[i])) return false;
    if (a[i] != '=' || a[i + 1] != '"') continue;
    size_t q = a.find('"', i + 2);
    if (q == std::u32string_view::npos) return false;
    size_t k = q + 1;
    while (k < a.size() && JavaSpace(a[k])) ++k;
    if (k == q + 1) continue;
    bool rest_ok = true;
    for (size_t r = k; r < a.size() && rest_ok; ++r) rest_ok = !JavaLineTerminator(a[r]);
    if (rest_ok) return true;
  }
  return false;
}

// attrs.matches("[^=]*=\"[^\"]*\""): exactly one name="value".
bool SingleXmlAttr(std::u32string_view a) {
  size_t eq = a.find('=');
  if (eq == std::u32string_view::npos || eq + 1 >= a.size() || a[eq + 1] != '"') return false;
  size_t q = a.find('"', eq + 2);
  return q == a.size() - 1;
}

}  // namespace

std::map<std::u32string, std::u32string> ParseAttrs(std::u32string_view attrs) {
  std::map<std::u32string, std::u32string> out;
  auto put = [&](std::u32string_view piece, bool xml) {
    // [^=]+="[^=]+ (xml) or [^=]+=[^=]+ (semicolon form): exactly one '='.
    size_t eq = piece.find('=');
    if (eq == 0 || eq == std::u32string_view::npos || piece.find('=', eq + 1) != piece.npos) return;
    std::u32string name(piece.substr(0, eq)), value(piece.substr(eq + 1));
    if (xml) {
      if (value.size() < 2 || value[0] != '"') return;
      value.erase(0, 1);
    } else {
      if (value.empty()) return;
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
    }
    out[name] = value;
  };
  // Both forms first collapse white space (trim + replaceAll("\\s+", " ")).
  std::u32string a = CollapseAndTrim(attrs);
  if (LooksLikeXmlAttrs(attrs) || SingleXmlAttr(attrs)) {
    // parseXMLattrs: drop the final quote, split on "\" ".
    if (!a.empty() && a.back() == '"') a.pop_back();
    size_t start = 0;
    for (;;) {
      size_t sep = a.find(U"\" ", start);
      put(std::u32string_view(a).substr(start, sep == a.npos ? a.npos : sep - start), true);
      if (sep == a.npos) break;
      start = sep + 2;
    }
  } else {
    // parseSemiColonAttrs: split on ';'.
    size_t start = 0;
    for (;;) {
      size_t sep = a.find(';', start);
      put(std::u32string_view(a).substr(start, sep == a.npos ? a.npos : sep - start), false);
      if (sep == a.npos) break;
      start = sep + 1;
    }
  }
  return out;
}

}  // namespace annals::te3
