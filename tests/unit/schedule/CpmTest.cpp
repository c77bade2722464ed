// Golden CPM results for a small network computed by hand.

#include "schedule/Schedule.h"

#include <catch2/catch.hpp>

using namespace sgd;
using namespace sgd::schedule;

namespace {

// A (3 d), B (2 d), C (4 d), D (1 d) and the milestone E; links
//   A -> B FS,  A -> C SS + 1,  B -> D FS,  C -> D FF + 2,  A -> E SF + 1,  D -> E FS.
// Forward:  A ES 0 EF 3;  B ES 3 EF 5;  C ES 1 EF 5;
//           D ES max(EF B = 5, EF C + 2 - 1 = 6) = 6, EF 7;
//           E ES max(ES A + 1 - 0 = 1, EF D = 7) = 7.      Project finish 7.
// Backward: E LF 7;  D LF 7 LS 6;  C LF = LF D - 2 = 5, LS 1;  B LF = LS D = 6, LS 4;
//           A LF = min(LS B = 4, LS C - 1 + 3 = 3, LF E - 1 + 3 = 9) = 3, LS 0.
// Total float: A 0, B 1, C 0, D 0, E 0 -> critical A, C, D, E.
// Free float:  A min(3-3, 1-1, 7-1) = 0;  B 6-5 = 1;  C 7-(5+2) = 0;  D 7-7 = 0;  E 7-7 = 0.
// Dates, 7-day calendar from Monday 2024-01-01: A 01-01..01-03, B 01-04..01-05,
//   C 01-02..01-05, D 01-07 (a Sunday), E 2024-01-07 (its ES is day 7, but D's
//   finish places it at the end of day 6, where D ends).
// 5-day calendar: A 01-01..01-03, B 01-04..01-05, C 01-02..01-05, D day 6 = Tue 01-09,
//   E day 7 = Wed 2024-01-10.
Network sample(unsigned workDays) {
  Network network;
  network.calendar.start = {2024, 1, 1};
  network.calendar.workDays = workDays;
  auto add = [&](const char *name, int64_t duration) {
    Task task;
    task.name = name;
    task.duration = duration;
    task.milestone = duration == 0;
    network.tasks.push_back(task);
  };
  add("A", 3);
  add("B", 2);
  add("C", 4);
  add("D", 1);
  add("E", 0);
  network.links = {{0, 1, LinkType::FS, 0}, {0, 2, LinkType::SS, 1}, {1, 3, LinkType::FS, 0},
                   {2, 3, LinkType::FF, 2}, {0, 4, LinkType::SF, 1}, {3, 4, LinkType::FS, 0}};
  return network;
}

std::string date(const Network &network, int64_t day) {
  return formatDate(network.calendar.dateOf(day));
}

} // namespace

TEST_CASE("CPM: forward and backward pass with the four link types") {
  Network network = sample(7);
  CpmResult result = computeCpm(network);
  REQUIRE(result.cycle.empty());
  REQUIRE(result.projectFinish == 7);
  struct Expected { int64_t es, ef, ls, lf, tf, ff; bool critical; };
  Expected expected[] = {{0, 3, 0, 3, 0, 0, true},  {3, 5, 4, 6, 1, 1, false},
                         {1, 5, 1, 5, 0, 0, true},  {6, 7, 6, 7, 0, 0, true},
                         {7, 7, 7, 7, 0, 0, true}};
  for (unsigned t = 0; t < 5; ++t) {
    INFO("task " << network.tasks[t].name);
    const TaskTimes &times = result.times[t];
    CHECK(times.earlyStart == expected[t].es);
    CHECK(times.earlyFinish == expected[t].ef);
    CHECK(times.lateStart == expected[t].ls);
    CHECK(times.lateFinish == expected[t].lf);
    CHECK(times.totalFloat == expected[t].tf);
    CHECK(times.freeFloat == expected[t].ff);
    CHECK(times.critical == expected[t].critical);
  }
  CHECK(date(network, 0) == "2024-01-01");
  CHECK(date(network, 6) == "2024-01-07");
  CHECK(date(network, 7) == "2024-01-08");
  // The driving path to E: A, C (SS), D (FF), E.
  CHECK(drivingPath(network, result, 4) == std::vector<unsigned>{0, 2, 3, 4});
}

TEST_CASE("CPM: the same network on a 5-day calendar") {
  Network network = sample(5);
  CpmResult result = computeCpm(network);
  CHECK(date(network, result.times[1].earlyStart) == "2024-01-04");
  CHECK(date(network, result.times[1].earlyFinish - 1) == "2024-01-05");
  CHECK(date(network, result.times[3].earlyStart) == "2024-01-09");
  CHECK(date(network, result.times[4].earlyStart) == "2024-01-10");
}

TEST_CASE("CPM: a missed deadline gives negative float") {
  Network network = sample(7);
  // E by day 5, but D's finish drives it (FS): it falls at the end of day 6,
  // where D ends, one day late. LF E = 5 + 1 = 6, LS 6, float 6 - 7 = -1;
  // backward from there A and C lose one day too, B keeps none.
  network.tasks[4].finishNoLater = 5;
  CpmResult result = computeCpm(network);
  CHECK(result.times[4].atEvening);
  CHECK(result.times[4].totalFloat == -1);
  CHECK(result.times[0].totalFloat == -1);
  CHECK(result.times[1].totalFloat == 0);
}

TEST_CASE("CPM: the dates of a task and of a milestone (docs/schedule.md, Dates)") {
  Network network = sample(7);
  // F: a milestone after A's start (SS + 2): the start of day 2.
  // G: a milestone after the milestone F (FS): F's moment, not a day earlier.
  // H: a milestone without predecessors: the start of day 0.
  for (const char *name : {"F", "G", "H"}) {
    Task task;
    task.name = name;
    task.milestone = true;
    network.tasks.push_back(task);
  }
  network.links.push_back({0, 5, LinkType::SS, 2});
  network.links.push_back({5, 6, LinkType::FS, 0});
  CpmResult result = computeCpm(network);
  Plan plan{network, result};
  // A works days 0..2: from the start of 01-01 to the end of 01-03.
  CHECK(plan.dates(0).start == Moment{0, false});
  CHECK(plan.dates(0).finish == Moment{2, true});
  // E: D's finish places it at the end of day 6 (2024-01-07), where D ends.
  CHECK(plan.dates(4).finish == Moment{6, true});
  CHECK(plan.date(plan.dates(4).finish) == "2024-01-07");
  CHECK(plan.dates(5).finish == Moment{2, false});
  CHECK(plan.dates(6).finish == Moment{2, false});
  CHECK(plan.dates(7).finish == Moment{0, false});
  // The project finishes with D and E at the end of day 6.
  CHECK(plan.finish() == Moment{6, true});
}

TEST_CASE("CPM: start-no-earlier dates, before the start too") {
  Network network = sample(7);
  network.tasks[0].startNoEarlier = -10; // a preorder
  CpmResult result = computeCpm(network);
  CHECK(result.times[0].earlyStart == -10);
  CHECK(result.projectStart == -10);
  CHECK(date(network, -10) == "2023-12-22");
}

TEST_CASE("CPM: a cycle is found, not scheduled") {
  Network network = sample(7);
  network.links.push_back({3, 0, LinkType::FS, 0});
  CpmResult result = computeCpm(network);
  CHECK(result.times.empty());
  REQUIRE(!result.cycle.empty());
}

TEST_CASE("Calendars: working-day numbers and dates") {
  Calendar five;
  five.start = {2024, 1, 1}; // a Monday
  five.workDays = 5;
  CHECK(formatDate(five.dateOf(5)) == "2024-01-08");
  CHECK(formatDate(five.dateOf(-1)) == "2023-12-29");
  CHECK(five.dayNumber({2024, 1, 6}) == 5); // Saturday: the next Monday
  CHECK(five.dayNumber({2023, 12, 29}) == -1);
  CHECK(five.workingDays(units::Rational(7)) == 5);
  CHECK(five.workingDays(units::Rational(84)) == 60);
  CHECK(five.workingDays(units::Rational(-3)) == -3);
  Calendar seven;
  seven.start = {2024, 6, 1};
  CHECK(formatDate(seven.dateOf(365)) == "2025-06-01");
  CHECK(seven.dayNumber({2022, 9, 1}) == -639);
  CHECK(daysFromCivil({1970, 1, 1}) == 0);
  CHECK(formatDate(civilFromDays(daysFromCivil({2000, 2, 29}))) == "2000-02-29");
}

// The sample network with holidays Tue 2024-01-02, Sat 01-06 and Mon 01-08.
// Working days (numbers as in `sample`: A 0-2, B 3-4, C 1-4, D 6, E 7):
//   5-day: 0 Mon 01-01, 1 Wed 01-03, 2 Thu 01-04, 3 Fri 01-05, 4 Tue 01-09,
//          5 Wed 01-10, 6 Thu 01-11, 7 Fri 01-12 (the Saturday is off anyway);
//          A 01-01..01-04, B 01-05..01-09, C 01-03..01-09, D 01-11, E 01-12.
//   6-day: the Saturday holiday takes the Saturday out: the same dates as 5-day.
//   7-day: 0 Mon 01-01, 1 Wed 01-03, 2 Thu 01-04, 3 Fri 01-05, 4 Sun 01-07,
//          5 Tue 01-09, 6 Wed 01-10, 7 Thu 01-11;
//          A 01-01..01-04, B 01-05..01-07, C 01-03..01-07, D 01-10, E 01-11.
TEST_CASE("CPM: holidays are skipped on 5-, 6- and 7-day calendars") {
  struct Expected { unsigned workDays; const char *aEnd, *bStart, *bEnd, *cStart, *cEnd, *d, *e, *bLateEnd; };
  Expected cases[] = {
      {5, "2024-01-04", "2024-01-05", "2024-01-09", "2024-01-03", "2024-01-09", "2024-01-11",
       "2024-01-12", "2024-01-10"},
      {6, "2024-01-04", "2024-01-05", "2024-01-09", "2024-01-03", "2024-01-09", "2024-01-11",
       "2024-01-12", "2024-01-10"},
      {7, "2024-01-04", "2024-01-05", "2024-01-07", "2024-01-03", "2024-01-07", "2024-01-10",
       "2024-01-11", "2024-01-09"}};
  for (const Expected &e : cases) {
    CAPTURE(e.workDays);
    Network network = sample(e.workDays);
    network.calendar.holidays = {{2024, 1, 8}, {2024, 1, 2}, {2024, 1, 6}};
    CpmResult result = computeCpm(network);
    REQUIRE(result.projectFinish == 7);
    const std::vector<TaskTimes> &t = result.times;
    CHECK(date(network, t[0].earlyStart) == "2024-01-01");
    CHECK(date(network, t[0].earlyFinish - 1) == e.aEnd);
    CHECK(date(network, t[1].earlyStart) == e.bStart);
    CHECK(date(network, t[1].earlyFinish - 1) == e.bEnd);
    CHECK(date(network, t[2].earlyStart) == e.cStart);
    CHECK(date(network, t[2].earlyFinish - 1) == e.cEnd);
    CHECK(date(network, t[3].earlyStart) == e.d);
    CHECK(date(network, t[4].earlyStart) == e.e);
    // Backward pass: B's late finish is D's late start, day 6, so B may end on
    // day 5 (Wed 01-10 on 5 and 6 days, Tue 01-09 on 7).
    CHECK(t[1].lateFinish == 6);
    CHECK(date(network, t[1].lateFinish - 1) == e.bLateEnd);
    CHECK(date(network, t[3].lateStart) == e.d);
  }
  Network five = sample(5);
  five.calendar.holidays = {{2024, 1, 8}, {2024, 1, 2}, {2024, 1, 6}};
  CHECK(five.calendar.workdayHolidays() ==
        std::vector<model::Date>{{2024, 1, 2}, {2024, 1, 8}}); // not the Saturday
  CHECK(!five.calendar.isWorking({2024, 1, 2}));
  CHECK(five.calendar.isWorking({2024, 1, 3}));
}

TEST_CASE("Calendars: holidays before and on the start") {
  // Start Tue 2024-01-02, a holiday: day 0 is Wed 01-03. Back from it:
  // -1 Mon 01-01, -2 Fri 12-29, -3 Thu 12-28, -4 Wed 12-27, -5 Tue 12-26,
  // Mon 12-25 a holiday, -6 Fri 12-22.
  Calendar five;
  five.start = {2024, 1, 2};
  five.workDays = 5;
  five.holidays = {{2024, 1, 2}, {2023, 12, 25}};
  CHECK(formatDate(five.dateOf(0)) == "2024-01-03");
  CHECK(formatDate(five.dateOf(-1)) == "2024-01-01");
  CHECK(formatDate(five.dateOf(-5)) == "2023-12-26");
  CHECK(formatDate(five.dateOf(-6)) == "2023-12-22");
  CHECK(five.dayNumber({2023, 12, 25}) == -5); // the next working day, 12-26
  CHECK(five.dayNumber({2023, 12, 22}) == -6);
  CHECK(five.dayNumber({2024, 1, 2}) == 0);
  CHECK(five.dayNumber({2024, 1, 4}) == 1);
  for (int64_t n = -12; n <= 12; ++n)
    CHECK(five.dayNumber(five.dateOf(n)) == n);
}

TEST_CASE("Defaults: durations come from stdlib/schedule/defaults.sgd") {
  const Defaults &table = defaults();
  REQUIRE(table.days.count("shell"));
  CHECK(table.days.at("shell") == units::Rational(26 * 7));
  CHECK(table.days.count("site_works"));
  CHECK(table.days.count("it_install"));
}

TEST_CASE("Levelling: a serial scheme by least float, then start, then order") {
  // X (4 d) and Y (2 d) both need 2 of 3 crews `c` and start on day 0;
  // Z (3 d) follows X and needs 1. Unlevelled: X 0-4, Y 0-2, Z 4-7 (finish 7).
  // Y has float 5, X and Z none: X is placed first (days 0-4), Y cannot share
  // those days (2 + 2 > 3) and moves to day 4; Z (1 crew) fits beside Y.
  Network network;
  network.calendar.start = {2024, 1, 1};
  auto add = [&](const char *name, int64_t duration, int64_t crews) {
    Task task;
    task.name = name;
    task.duration = duration;
    task.resources = {{"c", crews}};
    network.tasks.push_back(task);
  };
  add("Y", 2, 2);
  add("X", 4, 2);
  add("Z", 3, 1);
  network.links = {{1, 2, LinkType::FS, 0}};
  network.crews["c"] = 3;
  CpmResult result = computeCpm(network);
  REQUIRE(result.projectFinish == 7);
  LevelledSchedule levelled = levelCrews(network, result);
  CHECK(levelled.start == std::vector<int64_t>{4, 0, 4});
  CHECK(levelled.projectFinish == 7);
  // With 2 crews: after X, Z (float 0) goes before Y (float 5) and takes
  // days 4-7 with 1 crew; Y needs both crews, so it waits until day 7: 7-9.
  network.crews["c"] = 2;
  levelled = levelCrews(network, result);
  CHECK(levelled.start == std::vector<int64_t>{7, 0, 4});
  CHECK(levelled.projectFinish == 9);
  // A task that needs more crews than exist is placed unlevelled and reported.
  network.tasks[0].resources[0].amount = 5;
  levelled = levelCrews(network, result);
  CHECK(levelled.unplaceable == std::vector<unsigned>{0});
  CHECK(levelled.start[0] == 0);
  // Levelled days are working days: on a 5-day calendar from Mon 2024-01-01
  // with a holiday on Mon 01-08, Y (days 4-5) works Fri 01-05 and
  // Tue 01-09, Z (days 4-6) Fri 01-05 to Wed 01-10.
  network.tasks[0].resources[0].amount = 2;
  network.crews["c"] = 3;
  network.calendar.workDays = 5;
  network.calendar.holidays = {{2024, 1, 8}};
  levelled = levelCrews(network, result);
  REQUIRE(levelled.start == std::vector<int64_t>{4, 0, 4});
  CHECK(formatDate(network.calendar.dateOf(levelled.start[0])) == "2024-01-05");
  CHECK(formatDate(network.calendar.dateOf(levelled.finish[0] - 1)) == "2024-01-09");
  CHECK(formatDate(network.calendar.dateOf(levelled.finish[2] - 1)) == "2024-01-10");
}

TEST_CASE("Levelled plan: the files' dates are the levelled starts, floats recomputed") {
  // The network of the levelling test with 2 crews `c`: levelled X 0-4,
  // Z 4-7, Y 7-9 (unlevelled Y 0-2). Written into the plan, Y gets a
  // levelling delay of 7 days (its start without links is day 0), X and Z
  // none; the CPM of the plan gives every task its levelled start and the
  // project finishes on day 9. Y is then critical (it ends the project);
  // X and Z have float 2 (they could end by day 9).
  Network network;
  network.calendar.start = {2024, 1, 1};
  for (auto [name, duration, crews] : {std::tuple{"Y", 2, 2}, {"X", 4, 2}, {"Z", 3, 1}}) {
    Task task;
    task.name = name;
    task.duration = duration;
    task.resources = {{"c", crews}};
    network.tasks.push_back(task);
  }
  network.links = {{1, 2, LinkType::FS, 0}};
  network.crews["c"] = 2;
  Plan plan{network, computeCpm(network)};
  LevelledSchedule levelled = levelCrews(plan.network, plan.result);
  REQUIRE(levelled.start == std::vector<int64_t>{7, 0, 4});
  Plan written = levelledPlan(plan, levelled);
  CHECK(written.network.tasks[0].levellingDelay == 7);
  CHECK(written.network.tasks[1].levellingDelay == 0);
  CHECK(written.network.tasks[2].levellingDelay == 0);
  for (unsigned t = 0; t < 3; ++t)
    CHECK(written.result.times[t].earlyStart == levelled.start[t]);
  CHECK(written.result.projectFinish == 9);
  CHECK(written.result.times[0].totalFloat == 0);
  CHECK(written.result.times[1].totalFloat == 2);
  CHECK(written.result.times[2].totalFloat == 2);
}

TEST_CASE("Dates are written as %04d-%02u-%02u", "[schedule]") {
  CHECK(formatDate({2025, 1, 1}) == "2025-01-01");
  CHECK(formatDate({987, 12, 31}) == "0987-12-31");
  CHECK(formatDate({9999, 9, 9}) == "9999-09-09");
  CHECK(formatDate({10000, 1, 2}) == "10000-01-02"); // beyond four digits: snprintf
  CHECK(formatDate({-1, 1, 2}) == "-001-01-02");
}
