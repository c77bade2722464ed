#include "base/JsonWriter.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

namespace {

// Text that exercises quoting: plain words, `"` and `\`, control
// characters, DEL, two- to four-byte UTF-8, and bytes that are not UTF-8.
std::string randomText(std::mt19937 &random) {
  static const std::vector<std::string> pieces = {
      "rack",   "GB200 NVL72", "\"", "\\",     "\n",       "\t",       "\r",   std::string(1, '\0'),
      "\x01",   "\x1f",        " ",  "\x7f",   "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9d\x84\x9e",
      "\xff",   "\x80",        "\xe2\x82", "100,000 racks of the design's rack items"};
  std::string text;
  for (size_t n = random() % 9; n > 0; --n)
    text += pieces[random() % pieces.size()];
  return text;
}

// OStream asserts on text that is not UTF-8 in a debug build, and repairs it
// in a release build; it is given the repaired text, which JsonWriter must
// write from the raw text.
std::string repaired(const std::string &text) {
  return llvm::json::isUTF8(text) ? text : llvm::json::fixUTF8(text);
}

// A random JSON value of the kinds JsonWriter writes.
struct Node {
  enum Kind { Text, Number, Null, Raw, Object, Array } kind = Null;
  std::string key; // as a member of an object
  std::string text;
  int64_t number = 0;
  std::vector<Node> members;  // an object's, each with its key
  std::vector<Node> elements; // an array's
};

Node randomNode(std::mt19937 &random, int depth, bool inArray) {
  Node node;
  unsigned kinds = depth >= 4 ? 4 : 6;
  node.kind = static_cast<Node::Kind>(random() % kinds);
  if (inArray && node.kind == Node::Number)
    node.kind = Node::Raw; // JsonWriter writes numbers as attributes only
  if (inArray && node.kind == Node::Array)
    node.kind = Node::Object; // nor arrays in arrays
  switch (node.kind) {
  case Node::Text:
    node.text = randomText(random);
    break;
  case Node::Number:
    node.number = static_cast<int64_t>(random()) - (int64_t{1} << 31);
    break;
  case Node::Raw:
    node.text = std::to_string(random() % 100000) + ".50";
    break;
  case Node::Object:
    for (size_t n = random() % 5; n > 0; --n) {
      std::string key = randomText(random);
      node.members.push_back(randomNode(random, depth + 1, false));
      node.members.back().key = std::move(key);
    }
    break;
  case Node::Array:
    for (size_t n = random() % 5; n > 0; --n)
      node.elements.push_back(randomNode(random, depth + 1, true));
    break;
  case Node::Null:
    break;
  }
  return node;
}

// The same calls on either writer; OStream gets repaired text.
template <class Writer> void writeObject(Writer &json, const Node &node, bool repair);

template <class Writer> void writeElements(Writer &json, const Node &node, bool repair) {
  for (const Node &element : node.elements) {
    switch (element.kind) {
    case Node::Text:
      json.value(repair ? repaired(element.text) : element.text);
      break;
    case Node::Raw:
      json.rawValue(element.text);
      break;
    case Node::Object:
      json.object([&] { writeObject(json, element, repair); });
      break;
    default:
      json.value(nullptr);
      break;
    }
  }
}

template <class Writer> void writeObject(Writer &json, const Node &node, bool repair) {
  for (const Node &member : node.members) {
    std::string key = repair ? repaired(member.key) : member.key;
    switch (member.kind) {
    case Node::Text:
      json.attribute(key, repair ? repaired(member.text) : member.text);
      break;
    case Node::Number:
      json.attribute(key, member.number);
      break;
    case Node::Null:
      json.attribute(key, nullptr);
      break;
    case Node::Raw:
      json.attributeBegin(key);
      json.rawValue(member.text);
      json.attributeEnd();
      break;
    case Node::Object:
      json.attributeObject(key, [&] { writeObject(json, member, repair); });
      break;
    case Node::Array:
      json.attributeArray(key, [&] { writeElements(json, member, repair); });
      break;
    }
  }
}

std::string withWriter(llvm::function_ref<void(sgd::JsonWriter &)> write) {
  std::string text;
  llvm::raw_string_ostream out(text);
  sgd::JsonWriter json(out);
  write(json);
  out.flush();
  return text;
}

} // namespace

TEST_CASE("JsonWriter writes OStream's layout", "[base][json]") {
  std::string text = withWriter([](sgd::JsonWriter &json) {
    json.object([&] {
      json.attribute("format", "sgd-bom");
      json.attribute("version", 3);
      json.attribute("none", nullptr);
      json.attributeArray("empty", [] {});
      json.attributeObject("nothing", [] {});
      json.attributeArray("lines", [&] {
        json.object([&] { json.attribute("quote", "say \"hi\"\\\n\x01"); });
        json.value(nullptr);
      });
      json.attributeBegin("cost");
      json.rawValue("1234.50");
      json.attributeEnd();
    });
  });
  CHECK(text == "{\n"
                "  \"format\": \"sgd-bom\",\n"
                "  \"version\": 3,\n"
                "  \"none\": null,\n"
                "  \"empty\": [],\n"
                "  \"nothing\": {},\n"
                "  \"lines\": [\n"
                "    {\n"
                "      \"quote\": \"say \\\"hi\\\"\\\\\\n\\u0001\"\n"
                "    },\n"
                "    null\n"
                "  ],\n"
                "  \"cost\": 1234.50\n"
                "}");
}

TEST_CASE("JsonWriter repairs text that is not UTF-8 as OStream does", "[base][json]") {
  // A lone continuation byte and a cut-off euro sign each become U+FFFD.
  std::string text = withWriter([](sgd::JsonWriter &json) {
    json.object([&] { json.attribute("a\x80", "\xe2\x82 \xc3\xa9"); });
  });
  CHECK(text == "{\n  \"a\xef\xbf\xbd\": \"\xef\xbf\xbd \xc3\xa9\"\n}");
}

TEST_CASE("JsonWriter escapes a character at every place of a long string", "[base][json]") {
  // A byte to escape (or not ASCII, or not UTF-8) first, last and at each
  // place between: the runs written whole around it must be cut right.
  for (std::string odd : {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xff"})
    for (size_t at = 0; at < 48; ++at) {
      std::string text = std::string(at, 'a') + odd + std::string(47 - at, 'b');
      std::string expected;
      llvm::raw_string_ostream out(expected);
      llvm::json::OStream(out, 2).value(repaired(text));
      out.flush();
      std::string actual = withWriter([&](sgd::JsonWriter &json) { json.value(text); });
      INFO("byte " << static_cast<int>(static_cast<unsigned char>(odd[0])) << " at " << at);
      REQUIRE(actual == expected);
    }
}

TEST_CASE("JsonWriter and llvm::json::OStream write the same bytes", "[base][json]") {
  for (unsigned seed = 0; seed < 3000; ++seed) {
    std::mt19937 random(seed);
    Node root;
    root.kind = Node::Object;
    for (size_t n = random() % 6; n > 0; --n) {
      std::string key = randomText(random);
      root.members.push_back(randomNode(random, 1, false));
      root.members.back().key = std::move(key);
    }
    std::string expected;
    llvm::raw_string_ostream expectedOut(expected);
    {
      llvm::json::OStream reference(expectedOut, 2);
      reference.object([&] { writeObject(reference, root, /*repair=*/true); });
    }
    expectedOut.flush();
    std::string actual = withWriter([&](sgd::JsonWriter &json) {
      json.object([&] { writeObject(json, root, /*repair=*/false); });
    });
    INFO("seed " << seed);
    REQUIRE(actual == expected);
  }
}
