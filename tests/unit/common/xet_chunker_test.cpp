// Content-defined chunking (docs/xet.md#chunking): the gear table's checksums, xet-core's
// reference boundaries (xet_data deduplication/chunking.rs tests, used as data), streaming in
// any feed sizes, and agreement with the byte-by-byte rule of the protocol reference.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <vector>

#include "common/hash.h"
#include "common/xet/chunker.h"
#include "common/xet/gear_table.h"
#include "splitmix_data.h"

namespace hfhub::xet {
namespace {

std::vector<size_t> boundaries(const std::vector<size_t>& lengths) {
  std::vector<size_t> out;
  size_t at = 0;
  for (size_t n : lengths) out.push_back(at += n);
  return out;
}

std::vector<size_t> fed_in_pieces(std::string_view data, size_t piece) {
  Chunker chunker;
  std::vector<size_t> lengths;
  for (size_t at = 0; at < data.size(); at += piece) chunker.feed(data.substr(at, piece), lengths);
  if (size_t last = chunker.finish()) lengths.push_back(last);
  return lengths;
}

// The protocol reference's rule, one byte at a time with no skipping: the oracle.
std::vector<size_t> reference_lengths(std::string_view data) {
  std::vector<size_t> out;
  uint64_t h = 0;
  size_t start = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    h = (h << 1) + kGearTable[uint8_t(data[i])];
    size_t size = i + 1 - start;
    if (size < kMinChunk) continue;
    if (size >= kMaxChunk || (h & 0xFFFF000000000000ull) == 0) {
      out.push_back(size);
      start = i + 1;
      h = 0;
    }
  }
  if (start < data.size()) out.push_back(data.size() - start);
  return out;
}

TEST(XetChunker, GearTableMatchesTheReferenceChecksums) {
  std::string binary, text;
  char line[32];
  for (uint64_t v : kGearTable) {
    for (int i = 0; i < 8; ++i) binary.push_back(char(uint8_t(v >> (8 * i))));
    std::snprintf(line, sizeof line, "0x%016llx\n", static_cast<unsigned long long>(v));
    text += line;
  }
  EXPECT_EQ(sha256_hex(binary), "e1d3936666d7ae7a977c958e9afcc75f90aaca758ce5fbe4ece61dffefe1912c");
  EXPECT_EQ(sha256_hex(text), "1e28659c1e21d4f4f3273eb3a484e4829a986d5527935c5b2a4be95672a94ce7");
}

TEST(XetChunker, OneMegabyteOfRandomData) {
  std::string data = test::splitmix_data(1000000, 0);
  EXPECT_EQ(uint8_t(data[0]), 175);
  EXPECT_EQ(uint8_t(data[127]), 132);
  EXPECT_EQ(uint8_t(data[111111]), 118);
  std::vector<size_t> expected{84493,  134421, 144853, 243318, 271793, 336457, 467529, 494581, 582000, 596735,
                               616815, 653164, 678202, 724510, 815591, 827760, 958832, 991092, 1000000};
  EXPECT_EQ(boundaries(chunk_lengths(data)), expected);
}

TEST(XetChunker, OneMegabyteOfConstantDataCutsAtTheMaximum) {
  std::string data(1000000, char(59));
  std::vector<size_t> expected{131072, 262144, 393216, 524288, 655360, 786432, 917504, 1000000};
  EXPECT_EQ(boundaries(chunk_lengths(data)), expected);
}

TEST(XetChunker, AnyFeedSizesGiveTheSameBoundaries) {
  for (const std::string& data :
       {test::splitmix_data(256000, 1), test::splitmix_data(1000000, 0), std::string(300000, 'k')}) {
    std::vector<size_t> whole = chunk_lengths(data);
    EXPECT_EQ(whole, reference_lengths(data));
    for (size_t piece : {size_t(1), size_t(37), size_t(255), size_t(8127), size_t(65536), size_t(131073)}) {
      EXPECT_EQ(fed_in_pieces(data, piece), whole) << "piece " << piece;
    }
  }
}

TEST(XetChunker, SmallInputs) {
  EXPECT_TRUE(chunk_lengths("").empty());
  EXPECT_EQ(chunk_lengths("hello"), std::vector<size_t>{5});
  EXPECT_EQ(chunk_lengths(std::string(kMinChunk - 1, 'x')), std::vector<size_t>{kMinChunk - 1});
  Chunker chunker;
  EXPECT_TRUE(chunker.feed("").empty());
  EXPECT_EQ(chunker.finish(), 0u);
  EXPECT_EQ(chunker.finish(), 0u);
}

// xet-core's pattern that triggers a boundary once per period, with 0..127 bytes of zero padding:
// it checks the minimum-size and skipping logic at every offset.
std::string triggering_data(size_t n, size_t padding) {
  static const uint8_t kPattern[128] = {
      154, 52,  42,  34,  159, 75,  126, 224, 70,  236, 12,  196, 79,  236, 178, 124, 127, 50,  99,  178, 44,  176,
      174, 126, 250, 235, 205, 174, 252, 122, 35,  10,  20,  101, 214, 69,  193, 8,   115, 105, 158, 228, 120, 111,
      136, 162, 198, 251, 211, 183, 253, 252, 164, 147, 63,  16,  186, 162, 117, 23,  170, 36,  205, 187, 174, 76,
      210, 174, 211, 175, 12,  173, 145, 59,  2,   70,  222, 181, 159, 227, 182, 156, 189, 51,  226, 106, 24,  50,
      183, 157, 140, 10,  8,   23,  212, 70,  10,  234, 23,  33,  219, 254, 39,  236, 70,  49,  191, 116, 9,   115,
      15,  101, 26,  159, 165, 220, 15,  170, 56,  125, 92,  163, 94,  235, 38,  40,  49,  81};
  std::string period(reinterpret_cast<const char*>(kPattern), sizeof kPattern);
  period.append(padding, '\0');
  std::string out;
  while (out.size() < n) out += period;
  out.resize(n);
  return out;
}

struct Hitting {
  int sample_at_11111;
  std::array<size_t, 7> boundaries;  // then 65536
};

const Hitting kHitting[128] = {
    {236, {8256, 16448, 24640, 32832, 41024, 49216, 57408}},  // padding 0
    {50, {8320, 16576, 24832, 33088, 41344, 49600, 57856}},   // padding 1
    {36, {8254, 16574, 24894, 33214, 41534, 49854, 58174}},   // padding 2
    {116, {8317, 16570, 24823, 33076, 41329, 49582, 57835}},  // padding 3
    {126, {8248, 16564, 24880, 33196, 41512, 49828, 58144}},  // padding 4
    {145, {8310, 16556, 24802, 33048, 41294, 49540, 57786}},  // padding 5
    {235, {8238, 16546, 24854, 33162, 41470, 49778, 58086}},  // padding 6
    {228, {8299, 16534, 24769, 33004, 41239, 49474, 57709}},  // padding 7
    {70, {8224, 16520, 24816, 33112, 41408, 49704, 58000}},   // padding 8
    {178, {8284, 16504, 24724, 32944, 41164, 49384, 57604}},  // padding 9
    {173, {8206, 16486, 24766, 33046, 41326, 49606, 57886}},  // padding 10
    {0, {8265, 16466, 24667, 32868, 41069, 49270, 57471}},    // padding 11
    {252, {8324, 16584, 24844, 33104, 41364, 49624, 57884}},  // padding 12
    {159, {8242, 16561, 24880, 33199, 41518, 49837, 58156}},  // padding 13
    {69, {8300, 16536, 24772, 33008, 41244, 49480, 57716}},   // padding 14
    {219, {8215, 16509, 24803, 33097, 41391, 49685, 57979}},  // padding 15
    {126, {8272, 16480, 24688, 32896, 41104, 49312, 57520}},  // padding 16
    {10, {8329, 16594, 24859, 33124, 41389, 49654, 57919}},   // padding 17
    {124, {8240, 16562, 24884, 33206, 41528, 49850, 58172}},  // padding 18
    {24, {8296, 16528, 24760, 32992, 41224, 49456, 57688}},   // padding 19
    {196, {8204, 16492, 24780, 33068, 41356, 49644, 57932}},  // padding 20
    {106, {8259, 16454, 24649, 32844, 41039, 49234, 57429}},  // padding 21
    {196, {8314, 16564, 24814, 33064, 41314, 49564, 57814}},  // padding 22
    {183, {8218, 16523, 24828, 33133, 41438, 49743, 58048}},  // padding 23
    {124, {8272, 16480, 24688, 32896, 41104, 49312, 57520}},  // padding 24
    {70, {8326, 16588, 24850, 33112, 41374, 49636, 57898}},   // padding 25
    {126, {8226, 16542, 24858, 33174, 41490, 49806, 58122}},  // padding 26
    {191, {8279, 16494, 24709, 32924, 41139, 49354, 57569}},  // padding 27
    {69, {8332, 16600, 24868, 33136, 41404, 49672, 57940}},   // padding 28
    {163, {8228, 16549, 24870, 33191, 41512, 49833, 58154}},  // padding 29
    {252, {8280, 16496, 24712, 32928, 41144, 49360, 57576}},  // padding 30
    {0, {8332, 16600, 24868, 33136, 41404, 49672, 57940}},    // padding 31
    {173, {8224, 16544, 24864, 33184, 41504, 49824, 58144}},  // padding 32
    {42, {8275, 16486, 24697, 32908, 41119, 49330, 57541}},   // padding 33
    {70, {8326, 16588, 24850, 33112, 41374, 49636, 57898}},   // padding 34
    {174, {8214, 16527, 24840, 33153, 41466, 49779, 58092}},  // padding 35
    {235, {8264, 16464, 24664, 32864, 41064, 49264, 57464}},  // padding 36
    {186, {8314, 16564, 24814, 33064, 41314, 49564, 57814}},  // padding 37
    {0, {8198, 16498, 24798, 33098, 41398, 49698, 57998}},    // padding 38
    {157, {8247, 16597, 24947, 33297, 41647, 49997, 58347}},  // padding 39
    {126, {8296, 16528, 24760, 32992, 41224, 49456, 57688}},  // padding 40
    {49, {8345, 16626, 24907, 33188, 41469, 49750, 58031}},   // padding 41
    {36, {8224, 16554, 24884, 33214, 41544, 49874, 58204}},   // padding 42
    {0, {8272, 16480, 24688, 32896, 41104, 49312, 57520}},    // padding 43
    {236, {8320, 16576, 24832, 33088, 41344, 49600, 57856}},  // padding 44
    {105, {8195, 16499, 24803, 33107, 41411, 49715, 58019}},  // padding 45
    {0, {8242, 16594, 24946, 33298, 41650, 50002, 58354}},    // padding 46
    {24, {8289, 16514, 24739, 32964, 41189, 49414, 57639}},   // padding 47
    {126, {8336, 16608, 24880, 33152, 41424, 49696, 57968}},  // padding 48
    {0, {8206, 16525, 24844, 33163, 41482, 49801, 58120}},    // padding 49
    {70, {8252, 16618, 24984, 33350, 41716, 50082, 58448}},   // padding 50
    {236, {8298, 16532, 24766, 33000, 41234, 49468, 57702}},  // padding 51
    {0, {8344, 16624, 24904, 33184, 41464, 49744, 58024}},    // padding 52
    {12, {8209, 16535, 24861, 33187, 41513, 49839, 58165}},   // padding 53
    {236, {8254, 16626, 24998, 33370, 41742, 50114, 58486}},  // padding 54
    {0, {8299, 16534, 24769, 33004, 41239, 49474, 57709}},    // padding 55
    {173, {8344, 16624, 24904, 33184, 41464, 49744, 58024}},  // padding 56
    {196, {8204, 16529, 24854, 33179, 41504, 49829, 58154}},  // padding 57
    {0, {8248, 16618, 24988, 33358, 41728, 50098, 58468}},    // padding 58
    {159, {8292, 16520, 24748, 32976, 41204, 49432, 57660}},  // padding 59
    {178, {8336, 16608, 24880, 33152, 41424, 49696, 57968}},  // padding 60
    {0, {8380, 16696, 25012, 33328, 41644, 49960, 58276}},    // padding 61
    {10, {8234, 16594, 24954, 33314, 41674, 50034, 58394}},   // padding 62
    {101, {8277, 16490, 24703, 32916, 41129, 49342, 57555}},  // padding 63
    {0, {8320, 16576, 24832, 33088, 41344, 49600, 57856}},    // padding 64
    {15, {8363, 16662, 24961, 33260, 41559, 49858, 58157}},   // padding 65
    {147, {8212, 16554, 24896, 33238, 41580, 49922, 58264}},  // padding 66
    {0, {8254, 16639, 25024, 33409, 41794, 50179, 58564}},    // padding 67
    {0, {8296, 16528, 24760, 32992, 41224, 49456, 57688}},    // padding 68
    {227, {8338, 16612, 24886, 33160, 41434, 49708, 57982}},  // padding 69
    {126, {8380, 16696, 25012, 33328, 41644, 49960, 58276}},  // padding 70
    {0, {8223, 16581, 24939, 33297, 41655, 50013, 58371}},    // padding 71
    {101, {8264, 16464, 24664, 32864, 41064, 49264, 57464}},  // padding 72
    {186, {8305, 16546, 24787, 33028, 41269, 49510, 57751}},  // padding 73
    {52, {8346, 16628, 24910, 33192, 41474, 49756, 58038}},   // padding 74
    {0, {8387, 16710, 25033, 33356, 41679, 50002, 58325}},    // padding 75
    {70, {8224, 16588, 24952, 33316, 41680, 50044, 58408}},   // padding 76
    {228, {8264, 16464, 24664, 32864, 41064, 49264, 57464}},  // padding 77
    {0, {8304, 16544, 24784, 33024, 41264, 49504, 57744}},    // padding 78
    {0, {8344, 16624, 24904, 33184, 41464, 49744, 58024}},    // padding 79
    {50, {8384, 16704, 25024, 33344, 41664, 49984, 58304}},   // padding 80
    {214, {8215, 16575, 24935, 33295, 41655, 50015, 58375}},  // padding 81
    {0, {8254, 16654, 25054, 33454, 41854, 50254, 58654}},    // padding 82
    {0, {8293, 16522, 24751, 32980, 41209, 49438, 57667}},    // padding 83
    {50, {8332, 16600, 24868, 33136, 41404, 49672, 57940}},   // padding 84
    {69, {8371, 16678, 24985, 33292, 41599, 49906, 58213}},   // padding 85
    {0, {8196, 16542, 24888, 33234, 41580, 49926, 58272}},    // padding 86
    {0, {8234, 16619, 25004, 33389, 41774, 50159, 58544}},    // padding 87
    {70, {8272, 16480, 24688, 32896, 41104, 49312, 57520}},   // padding 88
    {136, {8310, 16556, 24802, 33048, 41294, 49540, 57786}},  // padding 89
    {0, {8348, 16632, 24916, 33200, 41484, 49768, 58052}},    // padding 90
    {0, {8386, 16708, 25030, 33352, 41674, 49996, 58318}},    // padding 91
    {101, {8204, 16564, 24924, 33284, 41644, 50004, 58364}},  // padding 92
    {36, {8241, 16639, 25037, 33435, 41833, 50231, 58629}},   // padding 93
    {196, {8278, 16492, 24706, 32920, 41134, 49348, 57562}},  // padding 94
    {0, {8315, 16566, 24817, 33068, 41319, 49570, 57821}},    // padding 95
    {0, {8352, 16640, 24928, 33216, 41504, 49792, 58080}},    // padding 96
    {24, {8389, 16714, 25039, 33364, 41689, 50014, 58339}},   // padding 97
    {8, {8200, 16562, 24924, 33286, 41648, 50010, 58372}},    // padding 98
    {0, {8236, 16635, 25034, 33433, 41832, 50231, 58630}},    // padding 99
    {0, {8272, 16480, 24688, 32896, 41104, 49312, 57520}},    // padding 100
    {125, {8308, 16552, 24796, 33040, 41284, 49528, 57772}},  // padding 101
    {173, {8344, 16624, 24904, 33184, 41464, 49744, 58024}},  // padding 102
    {126, {8380, 16696, 25012, 33328, 41644, 49960, 58276}},  // padding 103
    {0, {8416, 16768, 25120, 33472, 41824, 50176, 58528}},    // padding 104
    {0, {8219, 16607, 24995, 33383, 41771, 50159, 58547}},    // padding 105
    {159, {8254, 16678, 25102, 33526, 41950, 50374, 58798}},  // padding 106
    {210, {8289, 16514, 24739, 32964, 41189, 49414, 57639}},  // padding 107
    {178, {8324, 16584, 24844, 33104, 41364, 49624, 57884}},  // padding 108
    {0, {8359, 16654, 24949, 33244, 41539, 49834, 58129}},    // padding 109
    {0, {8394, 16724, 25054, 33384, 41714, 50044, 58374}},    // padding 110
    {170, {8429, 16794, 25159, 33524, 41889, 50254, 58619}},  // padding 111
    {173, {8224, 16624, 25024, 33424, 41824, 50224, 58624}},  // padding 112
    {235, {8258, 16452, 24646, 32840, 41034, 49228, 57422}},  // padding 113
    {0, {8292, 16520, 24748, 32976, 41204, 49432, 57660}},    // padding 114
    {0, {8326, 16588, 24850, 33112, 41374, 49636, 57898}},    // padding 115
    {0, {8360, 16656, 24952, 33248, 41544, 49840, 58136}},    // padding 116
    {24, {8394, 16724, 25054, 33384, 41714, 50044, 58374}},   // padding 117
    {228, {8428, 16792, 25156, 33520, 41884, 50248, 58612}},  // padding 118
    {0, {8215, 16613, 25011, 33409, 41807, 50205, 58603}},    // padding 119
    {0, {8248, 16680, 25112, 33544, 41976, 50408, 58840}},    // padding 120
    {0, {8281, 16498, 24715, 32932, 41149, 49366, 57583}},    // padding 121
    {101, {8314, 16564, 24814, 33064, 41314, 49564, 57814}},  // padding 122
    {174, {8347, 16630, 24913, 33196, 41479, 49762, 58045}},  // padding 123
    {126, {8380, 16696, 25012, 33328, 41644, 49960, 58276}},  // padding 124
    {0, {8413, 16762, 25111, 33460, 41809, 50158, 58507}},    // padding 125
    {0, {8192, 16574, 24956, 33338, 41720, 50102, 58484}},    // padding 126
    {0, {8224, 16639, 25054, 33469, 41884, 50299, 58714}},    // padding 127
};

TEST(XetChunker, ReferenceBoundariesAroundTheMinimum) {
  for (size_t padding = 0; padding < 128; ++padding) {
    SCOPED_TRACE("padding " + std::to_string(padding));
    std::string data = triggering_data(65536, padding);
    ASSERT_EQ(uint8_t(data[11111]), kHitting[padding].sample_at_11111);
    std::vector<size_t> expected(kHitting[padding].boundaries.begin(), kHitting[padding].boundaries.end());
    expected.push_back(65536);
    EXPECT_EQ(boundaries(chunk_lengths(data)), expected);
    EXPECT_EQ(boundaries(fed_in_pieces(data, 37)), expected);
  }
}

}  // namespace
}  // namespace hfhub::xet
