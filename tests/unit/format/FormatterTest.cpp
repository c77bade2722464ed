// The canonical layout, rule by rule (docs/editors.md, "Formatting").
#include "FormatTestSupport.h"

#include "format/Formatter.h"
#include "format/UnifiedDiff.h"

#include <catch2/catch.hpp>

using namespace sgd;
using namespace sgd::formattest;

namespace {

std::string fmt(llvm::StringRef text) {
  std::optional<std::string> result = formatted(text);
  REQUIRE(result);
  return *result;
}

} // namespace

TEST_CASE("indentation, spacing and one item per line", "[format]") {
  CHECK(fmt("site  s{building b[ 1 .. 8 ]{ hall h1 { rack k1:t; } }\n"
            "x=-(a+b)*2kW;}") ==
        "site s {\n"
        "  building b[1..8] {\n"
        "    hall h1 { rack k1 : t; }\n"
        "  }\n"
        "  x = -(a + b) * 2 kW;\n"
        "}\n");
}

TEST_CASE("= of consecutive attributes is aligned; a blank line or comment ends the run",
          "[format]") {
  CHECK(fmt("zone z {\n class = 1;\n controls = [badge];\n\n inside = p;\n"
            " // why\n resistance_class = \"RC2\";\n}\n") ==
        "zone z {\n"
        "  class    = 1;\n"
        "  controls = [badge];\n"
        "\n"
        "  inside = p;\n"
        "  // why\n"
        "  resistance_class = \"RC2\";\n"
        "}\n");
}

TEST_CASE("items with blocks at the top level are one blank line apart", "[format]") {
  CHECK(fmt("import std.catalog.power;\nconst a = 1;\n\n\n\nconst b = 2;\nsite s { }\n"
            "zone z { class = 1; }") ==
        "import std.catalog.power;\n"
        "const a = 1;\n"
        "\n"
        "const b = 2;\n"
        "\n"
        "site s { }\n"
        "\n"
        "zone z { class = 1; }\n");
}

TEST_CASE("a block stays on one line only if written so, without blocks inside, and fitting",
          "[format]") {
  CHECK(fmt("task t { duration = 2 weeks; after a; }\ntask u {\n duration = 1 d; }\n") ==
        "task t { duration = 2 weeks; after a; }\n"
        "\n"
        "task u {\n"
        "  duration = 1 d;\n"
        "}\n");
  CHECK(fmt("site s { building b { } }\n") == "site s {\n  building b { }\n}\n");
}

TEST_CASE("trailing comments of neighbouring lines share a column", "[format]") {
  CHECK(fmt("a = 1; // one\nlonger_name = 2; // two\n\nc = 3;   // alone\n") ==
        "a           = 1;  // one\n"
        "longer_name = 2;  // two\n"
        "\n"
        "c = 3;  // alone\n");
}

TEST_CASE("a long template call breaks one argument per line with a trailing comma",
          "[format]") {
  CHECK(fmt("hall h[1..4] = gpu_hall(rows = pods_per_hall, gpu_rack = nvidia.gb200_nvl72, "
            "hall_zone = data_hall_zone);\n"
            "hall g = gpu_hall(rows = 1,);\n") ==
        "hall h[1..4] = gpu_hall(\n"
        "  rows = pods_per_hall,\n"
        "  gpu_rack = nvidia.gb200_nvl72,\n"
        "  hall_zone = data_hall_zone,\n"
        ");\n"
        "hall g = gpu_hall(rows = 1);\n");
}

TEST_CASE("a long list of literals fills its lines; parameters take no trailing comma",
          "[format]") {
  std::string countries = "const eu = [";
  for (int i = 0; i < 30; ++i)
    countries += "\"C" + std::to_string(i) + "\", ";
  countries += "];\n";
  CHECK(fmt(countries) ==
        "const eu = [\n"
        "  \"C0\", \"C1\", \"C2\", \"C3\", \"C4\", \"C5\", \"C6\", \"C7\", \"C8\", \"C9\", "
        "\"C10\", \"C11\", \"C12\", \"C13\", \"C14\",\n"
        "  \"C15\", \"C16\", \"C17\", \"C18\", \"C19\", \"C20\", \"C21\", \"C22\", \"C23\", "
        "\"C24\", \"C25\", \"C26\", \"C27\", \"C28\",\n"
        "  \"C29\",\n"
        "];\n");
  CHECK(fmt("template gpu_hall(rows: int = 10, gpu_rack: rack_type, net_rack: rack_type = "
            "pod_network_rack, hall_zone: zone) { }\n") ==
        "template gpu_hall(\n"
        "  rows: int = 10,\n"
        "  gpu_rack: rack_type,\n"
        "  net_rack: rack_type = pod_network_rack,\n"
        "  hall_zone: zone\n"
        ") { }\n");
}

TEST_CASE("rule clauses take a line each; long conditions break after and/or", "[format]") {
  CHECK(fmt("rule r scope hall require hall.zone.class >= 4 and contains(hall.zone.controls, "
            "\"cctv\") or defined(hall.zone.resistance_class) severity error;\n") ==
        "rule r\n"
        "  scope hall\n"
        "  require hall.zone.class >= 4 and contains(hall.zone.controls, \"cctv\") or\n"
        "          defined(hall.zone.resistance_class)\n"
        "  severity error;\n");
}

TEST_CASE("links and comply fill their lines under the first name", "[format]") {
  CHECK(fmt("milestone m { after b3.it_install, b4.it_install, b5.it_install, b6.it_install, "
            "b7.it_install, b8.it_install SS + 2 d; }\n") ==
        "milestone m {\n"
        "  after b3.it_install, b4.it_install, b5.it_install, b6.it_install, b7.it_install,\n"
        "        b8.it_install SS + 2 d;\n"
        "}\n");
}

TEST_CASE("redundancy, units and unary minus are written as one word", "[format]") {
  CHECK(fmt("ups u * auto redundancy 2 ( N + 1 );\nx = - 3 kg / m2;\ny = 3 kg/m2;\n") ==
        "ups u * auto redundancy 2(N+1);\nx = -3 kg / m2;\ny = 3 kg/m2;\n");
}

TEST_CASE("an item with a comment inside keeps its line breaks", "[format]") {
  CHECK(fmt("site s {\n  x = f(a,   // first\n        b);\n}\n") ==
        "site s {\n  x = f(a, // first\n    b);\n}\n");
  CHECK(fmt("/* a\n   b */ const x = 1; /* c */ // d   \n") ==
        "/* a\n   b */\nconst x = 1;  /* c */ // d\n");
}

TEST_CASE("a file that does not parse is not formatted", "[format]") {
  SourceFiles files;
  FileId id = files.addBuffer("t.sgd", "site s {");
  DiagnosticEngine diagnostics;
  auto result = format::formatFile(files, id, diagnostics);
  REQUIRE(static_cast<bool>(result));
  CHECK_FALSE(result->has_value());
  CHECK(diagnostics.hasErrors());
}

TEST_CASE("unified diff of two texts", "[format][diff]") {
  CHECK(format::unifiedDiff("a\nb\n", "a\nb\n", "x.sgd").empty());
  CHECK(format::unifiedDiff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
                            "x.sgd") ==
        "--- a/x.sgd\n+++ b/x.sgd\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
  CHECK(format::unifiedDiff("", "new\n", "n.sgd") ==
        "--- a/n.sgd\n+++ b/n.sgd\n@@ -0,0 +1,1 @@\n+new\n");
}
