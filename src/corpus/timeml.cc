#include "corpus/timeml.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include "text/escape.h"
#include "text/utf8.h"

namespace annals {

std::string TimemlError::ToString() const {
  if (line == 0) return message;
  return "line " + std::to_string(line) + ": " + message;
}

std::string XmlEscape(std::string_view s) { return EscapeMarkup(s); }

namespace {

size_t LineOf(std::string_view raw, size_t offset) {
  offset = std::min(offset, raw.size());
  return 1 + static_cast<size_t>(std::count(raw.begin(), raw.begin() + offset, '\n'));
}

bool Fail(std::string_view raw, size_t offset, std::string message, TimemlError* err) {
  if (err != nullptr) {
    err->line = LineOf(raw, offset);
    err->message = std::move(message);
  }
  return false;
}

// Decodes the entity reference starting at raw[i] == '&'. On success appends
// the decoded bytes to *out and sets *len to the length of the reference.
bool DecodeEntity(std::string_view raw, size_t i, std::string* out, size_t* len) {
  size_t semi = raw.find(';', i + 1);
  // Entity names are short; a far-away ';' means a bare '&'.
  if (semi == std::string_view::npos || semi - i > 12) return false;
  std::string_view name = raw.substr(i + 1, semi - i - 1);
  *len = semi - i + 1;
  if (name == "amp") {
    out->push_back('&');
    return true;
  }
  if (name == "lt") {
    out->push_back('<');
    return true;
  }
  if (name == "gt") {
    out->push_back('>');
    return true;
  }
  if (name == "quot") {
    out->push_back('"');
    return true;
  }
  if (name == "apos") {
    out->push_back('\'');
    return true;
  }
  if (name.size() < 2 || name[0] != '#') return false;
  uint32_t cp = 0;
  bool hex = name[1] == 'x' || name[1] == 'X';
  std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty()) return false;
  for (char c : digits) {
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (hex && c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (hex && c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      return false;
    }
    cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    if (cp > 0x10FFFF) return false;
  }
  // XML forbids NUL and surrogates even as references.
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  AppendUtf8(cp, out);
  return true;
}

bool IsNameChar(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':' || u >= 0x80;
}

// XML's white space (production S): not \f or \v, unlike text/ascii.h.
bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct ParsedTag {
  bool closing = false;
  bool empty = false;  // <X ... />
  std::string name;
  std::vector<std::pair<std::string, std::string>> attrs;
};

// Parses the tag raw[begin, end] where raw[begin] == '<' and raw[end] == '>'.
bool ParseTag(std::string_view raw, size_t begin, size_t end, ParsedTag* tag, TimemlError* err) {
  size_t i = begin + 1;
  if (raw[i] == '/') {
    tag->closing = true;
    ++i;
  }
  size_t name_begin = i;
  while (i < end && IsNameChar(raw[i])) ++i;
  if (i == name_begin) return Fail(raw, begin, "malformed tag: missing element name", err);
  tag->name.assign(raw.substr(name_begin, i - name_begin));
  while (true) {
    size_t before_space = i;
    while (i < end && IsXmlSpace(raw[i])) ++i;
    if (i == end) break;
    if (raw[i] == '/' && i + 1 == end && !tag->closing) {
      tag->empty = true;
      break;
    }
    if (tag->closing) {
      return Fail(raw, i, "malformed closing tag </" + tag->name + ">", err);
    }
    if (i == before_space) {
      return Fail(raw, i, "malformed attributes in <" + tag->name + ">", err);
    }
    size_t attr_begin = i;
    while (i < end && IsNameChar(raw[i])) ++i;
    if (i == attr_begin) {
      return Fail(raw, i, "malformed attribute in <" + tag->name + ">", err);
    }
    std::string name(raw.substr(attr_begin, i - attr_begin));
    while (i < end && IsXmlSpace(raw[i])) ++i;
    if (i == end || raw[i] != '=') {
      return Fail(raw, i, "attribute " + name + " of <" + tag->name + "> has no value", err);
    }
    ++i;
    while (i < end && IsXmlSpace(raw[i])) ++i;
    if (i == end || (raw[i] != '"' && raw[i] != '\'')) {
      return Fail(raw, i, "attribute " + name + " of <" + tag->name + "> is not quoted", err);
    }
    char quote = raw[i++];
    std::string value;
    while (i < end && raw[i] != quote) {
      if (raw[i] == '<') {
        return Fail(raw, i, "'<' inside attribute " + name + " of <" + tag->name + ">", err);
      }
      if (raw[i] == '&') {
        size_t len = 0;
        if (!DecodeEntity(raw, i, &value, &len)) {
          return Fail(raw, i, "bad entity reference in attribute " + name, err);
        }
        i += len;
      } else {
        value.push_back(raw[i++]);
      }
    }
    if (i == end) {
      return Fail(raw, attr_begin, "unterminated value of attribute " + name, err);
    }
    ++i;  // closing quote
    for (const auto& [n, v] : tag->attrs) {
      (void)v;
      if (n == name) {
        return Fail(raw, attr_begin, "duplicate attribute " + name + " in <" + tag->name + ">",
                    err);
      }
    }
    tag->attrs.emplace_back(std::move(name), std::move(value));
  }
  return true;
}

const std::string* FindAttr(const ParsedTag& tag, std::string_view name) {
  for (const auto& [n, v] : tag.attrs) {
    if (n == name) return &v;
  }
  return nullptr;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsXmlSpace(s[b])) ++b;
  while (e > b && IsXmlSpace(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

bool ParseTimeml(std::string_view raw, TimemlDocument* doc, TimemlError* err) {
  return ParseTimeml(raw, TimemlParseOptions(), doc, err);
}

bool ParseTimeml(std::string_view raw, const TimemlParseOptions& options, TimemlDocument* doc,
                 TimemlError* err) {
  *doc = TimemlDocument();
  struct Open {
    std::string name;
    size_t raw_begin;
  };
  std::vector<Open> stack;
  std::vector<int> open_timexes;  // indexes of TIMEX3s open inside TEXT
  bool in_text = false, seen_text = false, seen_dct = false, have_dct_timex = false;
  bool dct_from_creation_time = false;
  size_t docid_begin = std::string_view::npos;
  const size_t n = raw.size();

  auto append_plain = [&](std::string_view bytes, size_t rb, size_t re) {
    for (char c : bytes) {
      doc->text.push_back(c);
      doc->raw_begin.push_back(rb);
      doc->raw_end.push_back(re);
    }
  };

  size_t i = 0;
  while (i < n) {
    char c = raw[i];
    if (c == '<') {
      std::string_view rest = raw.substr(i);
      // Comments, processing instructions, declarations and CDATA.
      if (rest.starts_with("<!--")) {
        size_t e = raw.find("-->", i + 4);
        if (e == std::string_view::npos) return Fail(raw, i, "unterminated comment", err);
        i = e + 3;
        continue;
      }
      if (rest.starts_with("<![CDATA[")) {
        size_t e = raw.find("]]>", i + 9);
        if (e == std::string_view::npos) return Fail(raw, i, "unterminated CDATA section", err);
        if (in_text) {
          for (size_t k = i + 9; k < e; ++k) append_plain(raw.substr(k, 1), k, k + 1);
        }
        i = e + 3;
        continue;
      }
      if (rest.starts_with("<?")) {
        size_t e = raw.find("?>", i + 2);
        if (e == std::string_view::npos) {
          return Fail(raw, i, "unterminated processing instruction", err);
        }
        i = e + 2;
        continue;
      }
      if (rest.starts_with("<!")) {
        size_t e = raw.find('>', i + 2);
        if (e == std::string_view::npos) return Fail(raw, i, "unterminated declaration", err);
        i = e + 1;
        continue;
      }
      // An element tag: find its '>' outside quoted attribute values.
      size_t j = i + 1;
      char quote = 0;
      for (; j < n; ++j) {
        char d = raw[j];
        if (quote != 0) {
          if (d == quote) quote = 0;
        } else if (d == '"' || d == '\'') {
          quote = d;
        } else if (d == '>') {
          break;
        } else if (d == '<') {
          return Fail(raw, i, "unterminated tag", err);
        }
      }
      if (j >= n) return Fail(raw, i, "unterminated tag", err);
      ParsedTag tag;
      if (!ParseTag(raw, i, j, &tag, err)) return false;
      const size_t tag_begin = i, tag_end = j + 1;
      i = tag_end;

      if (tag.closing) {
        if (stack.empty()) {
          return Fail(raw, tag_begin, "closing tag </" + tag.name + "> without opening tag", err);
        }
        if (stack.back().name != tag.name) {
          return Fail(raw, tag_begin,
                      "closing tag </" + tag.name + "> does not match <" + stack.back().name +
                          "> opened at line " + std::to_string(LineOf(raw, stack.back().raw_begin)),
                      err);
        }
        stack.pop_back();
        if (tag.name == "TEXT" && in_text) {
          in_text = false;
          doc->text_raw_end = tag_begin;
          continue;
        }
        if (tag.name == "DOCID" && docid_begin != std::string_view::npos) {
          doc->docid = Trim(raw.substr(docid_begin, tag_begin - docid_begin));
          docid_begin = std::string_view::npos;
        }
      } else if (!tag.empty) {
        if (tag.name == "TEXT") {
          if (seen_text) return Fail(raw, tag_begin, "more than one <TEXT> element", err);
          if (in_text) return Fail(raw, tag_begin, "<TEXT> inside <TEXT>", err);
          seen_text = in_text = true;
          doc->text_raw_begin = tag_end;
          stack.push_back({tag.name, tag_begin});
          continue;
        }
        if (tag.name == "DOCID") docid_begin = tag_end;
        if (tag.name == "DCT") seen_dct = true;
        stack.push_back({tag.name, tag_begin});
      }

      // DCT: the CREATION_TIME TIMEX3 inside <DCT> (else its first TIMEX3).
      if (!in_text && !tag.closing && tag.name == "TIMEX3") {
        bool in_dct =
            std::any_of(stack.begin(), stack.end(), [](const Open& o) { return o.name == "DCT"; });
        const std::string* fn = FindAttr(tag, "functionInDocument");
        bool creation = fn != nullptr && *fn == "CREATION_TIME";
        if (in_dct && (!have_dct_timex || (creation && !dct_from_creation_time))) {
          const std::string* v = FindAttr(tag, "value");
          const std::string* t = FindAttr(tag, "tid");
          doc->dct_value = v ? *v : "";
          doc->dct_tid = t ? *t : "";
          have_dct_timex = true;
          dct_from_creation_time = creation;
        }
      }

      if (!in_text) continue;
      TimemlTag t;
      t.kind = tag.closing ? TimemlTag::kClose : tag.empty ? TimemlTag::kEmpty : TimemlTag::kOpen;
      t.name = tag.name;
      t.raw_begin = tag_begin;
      t.raw_end = tag_end;
      t.plain_offset = doc->text.size();
      bool is_timex = tag.name == "TIMEX3";
      // Any markup between a TIMEX3's tags, other than its own closing tag,
      // hides that TIMEX3 from the TE3 scorer; remember it.
      bool own_close = is_timex && tag.closing && !open_timexes.empty();
      for (size_t k = 0; k < open_timexes.size(); ++k) {
        if (own_close && k + 1 == open_timexes.size()) continue;
        doc->timexes[static_cast<size_t>(open_timexes[k])].contains_markup = true;
      }
      if (is_timex && !tag.closing) {
        TimemlTimex x;
        x.begin = x.end = doc->text.size();
        x.raw_open_begin = tag_begin;
        x.raw_open_end = x.raw_close_begin = x.raw_close_end = tag_end;
        for (const auto& [name, value] : tag.attrs) {
          if (name == "tid") x.tid = value;
          if (name == "type") x.type = value;
          if (name == "value") x.value = value;
          if (name == "mod") x.mod = value;
        }
        x.attributes = std::move(tag.attrs);
        t.timex = static_cast<int>(doc->timexes.size());
        doc->timexes.push_back(std::move(x));
        if (!tag.empty) open_timexes.push_back(t.timex);
      } else if (is_timex && tag.closing) {
        // The element stack already checked that this closes a TIMEX3.
        int idx = open_timexes.back();
        open_timexes.pop_back();
        TimemlTimex& x = doc->timexes[static_cast<size_t>(idx)];
        x.end = doc->text.size();
        x.text = doc->text.substr(x.begin, x.end - x.begin);
        x.raw_close_begin = tag_begin;
        x.raw_close_end = tag_end;
        x.raw_text.assign(raw.substr(x.raw_open_end, tag_begin - x.raw_open_end));
        t.timex = idx;
      }
      doc->tags.push_back(std::move(t));
      continue;
    }
    if (c == '&') {
      std::string decoded;
      size_t len = 0;
      if (!DecodeEntity(raw, i, &decoded, &len)) {
        return Fail(raw, i, "bad entity reference (a bare '&' must be written &amp;)", err);
      }
      if (in_text) append_plain(decoded, i, i + len);
      i += len;
      continue;
    }
    if (in_text) append_plain(raw.substr(i, 1), i, i + 1);
    ++i;
  }
  if (!stack.empty()) {
    return Fail(raw, stack.back().raw_begin, "<" + stack.back().name + "> is never closed", err);
  }
  if (!seen_text) return Fail(raw, n, "no <TEXT> element", err);
  if (options.require_dct && !seen_dct) return Fail(raw, n, "no <DCT> element", err);
  if (options.require_dct && !have_dct_timex) {
    return Fail(raw, n, "<DCT> holds no TIMEX3", err);
  }
  return true;
}

bool WriteTimeml(std::string_view raw, const std::vector<Timex>& timexes,
                 const TimemlWriteOptions& options, std::string* out, TimemlError* err,
                 size_t* skipped) {
  TimemlDocument doc;
  if (!ParseTimeml(raw, &doc, err)) return false;
  const size_t n = doc.text.size();
  size_t skip_count = 0;

  // Tags that stay in the output, by plain offset; a new TIMEX3 may not
  // enclose any of them (it would cross or swallow markup).
  std::vector<size_t> kept_tag_offsets;
  struct Edit {
    size_t pos;
    int order;  // at equal positions: deletions, closing tags, opening tags
    size_t del_end;
    std::string text;
  };
  std::vector<Edit> edits;
  std::set<std::string> used_tids;
  if (!doc.dct_tid.empty()) used_tids.insert(doc.dct_tid);
  for (const TimemlTag& t : doc.tags) {
    if (options.strip_existing_timex && t.name == "TIMEX3") {
      edits.push_back({t.raw_begin, 0, t.raw_end, ""});
    } else {
      kept_tag_offsets.push_back(t.plain_offset);
    }
  }
  if (!options.strip_existing_timex) {
    for (const TimemlTimex& x : doc.timexes) used_tids.insert(x.tid);
  }
  // TIMEX3s outside TEXT and DCT (KRAUTS inputs keep empty ones after
  // </TEXT>) own their tids too: the TE3 toolkit's schema wants them unique.
  for (size_t p = raw.find("<TIMEX3"); p != std::string_view::npos;
       p = raw.find("<TIMEX3", p + 1)) {
    if (p >= doc.text_raw_begin && p < doc.text_raw_end) continue;
    size_t gt = raw.find('>', p);
    std::string_view tag = raw.substr(p, gt == std::string_view::npos ? raw.npos : gt - p);
    for (size_t a = tag.find("tid="); a != std::string_view::npos; a = tag.find("tid=", a + 1)) {
      if (a == 0 || !IsXmlSpace(tag[a - 1]) || a + 5 > tag.size()) continue;
      char q = tag[a + 4];
      size_t e = tag.find(q, a + 5);
      if ((q == '"' || q == '\'') && e != std::string_view::npos) {
        used_tids.insert(std::string(tag.substr(a + 5, e - a - 5)));
      }
    }
  }

  // A plain offset is a boundary when no character or entity straddles it.
  auto is_boundary = [&](size_t p) {
    if (p == 0 || p >= n) return true;
    if (doc.raw_begin[p] == doc.raw_begin[p - 1]) return false;  // inside an entity
    return (static_cast<unsigned char>(doc.text[p]) & 0xC0) != 0x80;
  };

  std::vector<const Timex*> order;
  for (const Timex& t : timexes) order.push_back(&t);
  std::stable_sort(order.begin(), order.end(), [](const Timex* a, const Timex* b) {
    return a->begin < b->begin || (a->begin == b->begin && a->end > b->end);
  });
  size_t next_tid = 1;
  size_t last_end = 0;
  bool any_accepted = false;
  for (const Timex* t : order) {
    size_t b = t->begin, e = t->end;
    if (b >= e || e > n) {
      ++skip_count;
      continue;
    }
    while (!is_boundary(b)) --b;
    while (!is_boundary(e)) ++e;
    if (any_accepted && b < last_end) {
      ++skip_count;
      continue;
    }
    // Kept tags sitting at plain offsets strictly inside (b, e) would end up
    // inside the new element.
    auto it = std::upper_bound(kept_tag_offsets.begin(), kept_tag_offsets.end(), b);
    if (it != kept_tag_offsets.end() && *it < e) {
      ++skip_count;
      continue;
    }
    std::string tid;
    do {
      tid = "t" + std::to_string(next_tid++);
    } while (used_tids.count(tid) != 0);
    std::string open = "<TIMEX3 tid=\"" + tid + "\" type=\"" + XmlEscape(TimexTypeName(t->type)) +
                       "\" value=\"" + XmlEscape(t->value) + "\"";
    if (!t->mod.empty()) open += " mod=\"" + XmlEscape(t->mod) + "\"";
    open += ">";
    // Open right before the first character (after any tags at b), close
    // right after the last one (before any tags at e).
    edits.push_back({doc.raw_begin[b], 2, 0, std::move(open)});
    edits.push_back({doc.raw_end[e - 1], 1, 0, "</TIMEX3>"});
    last_end = e;
    any_accepted = true;
  }
  std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return a.pos < b.pos || (a.pos == b.pos && a.order < b.order);
  });
  out->clear();
  out->reserve(raw.size() + edits.size() * 48);
  size_t pos = 0;
  for (const Edit& ed : edits) {
    if (ed.pos > pos) out->append(raw.substr(pos, ed.pos - pos));
    pos = std::max(pos, ed.pos);
    if (ed.order == 0) {
      pos = std::max(pos, ed.del_end);
    } else {
      out->append(ed.text);
    }
  }
  out->append(raw.substr(pos));
  if (skipped != nullptr) *skipped = skip_count;
  return true;
}

}  // namespace annals
