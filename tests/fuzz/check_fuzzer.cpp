// Fuzz target: `sgdc check` on one design file held in memory: parse,
// imports, names, constants, the model, the engineering checks, the rule
// packs and the schedule, then the text and JSON renderers. The standard
// library is read and parsed, and its catalog entries evaluated, once per
// process (sema::StdlibCache), so a run costs what the design costs.
#include "FuzzSupport.h"

#include "driver/Session.h"
#include "schedule/Schedule.h"
#include "sema/StdlibCache.h"

#ifndef SGD_FUZZ_STDLIB
#error "SGD_FUZZ_STDLIB must name the standard library's folder"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace sgd;
  static const sema::StdlibCache stdlib(SGD_FUZZ_STDLIB);
  sema::ModuleSearch search{std::string(SGD_FUZZ_STDLIB)};
  // A design a million times larger than the input must stop at the limit,
  // not after minutes: the fuzzer would call that a timeout.
  sema::ElaborationLimits limits;
  limits.maxInstances = 100'000;

  driver::Session session(&stdlib);
  session.loadBuffer(fuzz::scratchFolder() + "/fuzz.sgd",
                     llvm::StringRef(reinterpret_cast<const char *>(data), size));
  session.parseAll();
  session.loadImports(search);
  session.analyze(search, {}, limits);
  if (session.analysis())
    (void)schedule::planDesign(*session.design(), *session.analysis(), session.diagnostics());
  fuzz::finishAndCheck(session);
  return 0;
}
