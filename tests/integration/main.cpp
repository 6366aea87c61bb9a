#include <gtest/gtest.h>

#include "server_fixture.h"

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  // One hfhubd for the whole binary: starting a server per test would dominate the run time.
  testing::AddGlobalTestEnvironment(new hfhub::testing::SharedServer());
  return RUN_ALL_TESTS();
}
