// Fuzz target: sgd.toml, as `sgdc check` reads it in a project's folder: the
// nesting pre-scan, toml++, every table's checks, and the diagnostic at the
// TOML place (the line is read back from the file and shown).
#include "FuzzSupport.h"

#include "driver/ProjectFile.h"
#include "driver/Session.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  using namespace sgd;
  fuzz::writeScratchFile("sgd.toml", llvm::StringRef(reinterpret_cast<const char *>(data), size));
  driver::Session session;
  llvm::Expected<driver::Project> project = driver::loadProject(fuzz::scratchFolder());
  if (project)
    return 0;
  session.reportProjectError(project.takeError());
  if (fuzz::finishAndCheck(session) == 0)
    fuzz::violated("sgd.toml was refused without an error");
  return 0;
}
