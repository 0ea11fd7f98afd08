#include "harness/scenario/scenario_files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "harness/core/errors.h"

namespace unbroken {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class ScenarioFiles : public ::testing::Test {
 protected:
  ScenarioFiles()
      : dir_(fs::temp_directory_path() / ("unbroken-files-" + std::to_string(::getpid()))) {
    fs::create_directories(dir_ / "nested");
    fs::create_directories(dir_ / ".hidden");
    for (const char* name : {"b.yaml", "a.yml", "notes.md", "nested/c.yaml", ".hidden/d.yaml"})
      std::ofstream(dir_ / name) << "name: x\n";
  }
  ~ScenarioFiles() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ScenarioFiles, ADirectoryGivesItsYamlFilesAndItsSubdirectoriesSortedButNotHiddenOnes) {
  EXPECT_THAT(scenario_files({dir_}),
              ElementsAre(dir_ / "a.yml", dir_ / "b.yaml", dir_ / "nested/c.yaml"));
}

TEST_F(ScenarioFiles, OrderIsKeptAndAFileNamedTwiceRunsOnce) {
  EXPECT_THAT(scenario_files({dir_ / "nested/c.yaml", dir_, dir_ / "b.yaml"}),
              ElementsAre(dir_ / "nested/c.yaml", dir_ / "a.yml", dir_ / "b.yaml"));
  EXPECT_THAT(scenario_files({dir_ / "nested", dir_}),
              ElementsAre(dir_ / "nested/c.yaml", dir_ / "a.yml", dir_ / "b.yaml"));
}

TEST_F(ScenarioFiles, AMissingPathOrADirectoryWithoutScenariosIsAConfigError) {
  try {
    scenario_files({dir_ / "absent"});
    FAIL() << "accepted a missing path";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("absent: no such scenario file or directory"));
  }
  fs::create_directories(dir_ / "empty");
  try {
    scenario_files({dir_ / "empty"});
    FAIL() << "accepted a directory without scenarios";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no scenario file (*.yaml, *.yml) in this directory"));
  }
}

}  // namespace
}  // namespace unbroken
