#include "backends/CsvField.h"

#include <catch2/catch.hpp>

#include <string>

using namespace sgd;

namespace {

std::string field(llvm::StringRef text) {
  std::string out;
  llvm::raw_string_ostream os(out);
  backends::writeCsvField(os, text);
  return os.str();
}

} // namespace

TEST_CASE("a CSV field is quoted only when it must be, as RFC 4180 says", "[backends][csv]") {
  CHECK(field("") == "");
  CHECK(field("GB200 NVL72") == "GB200 NVL72");
  CHECK(field("UPS 1,250 kW") == "\"UPS 1,250 kW\"");
  CHECK(field("the \"A\" path") == "\"the \"\"A\"\" path\"");
  CHECK(field("two\nlines") == "\"two\nlines\"");
  // A CR alone breaks a row too (schedule.csv left it unquoted before).
  CHECK(field("carriage\rreturn") == "\"carriage\rreturn\"");
  CHECK(field("東京, 2027") == "\"東京, 2027\"");
}
