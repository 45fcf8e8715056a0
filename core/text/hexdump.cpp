// The hexdump -C layout, fast enough for --log hex to keep up with a bulk transfer: whole
// lines are made sixteen bytes at a time with SSSE3 where the processor has it (every x86-64
// of the last fifteen years), from tables elsewhere.
#include "core/text/hexdump.h"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SB_HEXDUMP_SSSE3 1
#endif

namespace sb {
namespace {

// A whole line: "oooooooo  " + 8 × "xx " + " " + 8 × "xx " + " |" + 16 shown + "|\n".
constexpr size_t kLine = 8 + 2 + 16 * 3 + 1 + 2 + 16 + 2;
constexpr size_t kFirstHalf = 10; // where byte 0's digits start
constexpr size_t kSecondHalf = 35; // where byte 8's digits start
constexpr size_t kShown = 61; // where the printable column starts

struct HexTables
{
    char hex[256][4]; // "xx  ": padded so that each byte is one four-byte store
    char shown[256]; // the byte itself where printable, '.' elsewhere
};

constexpr HexTables makeHexTables()
{
    constexpr char kDigits[] = "0123456789abcdef";
    HexTables t {};
    for (int c = 0; c < 256; ++c) {
        t.hex[c][0] = kDigits[c >> 4];
        t.hex[c][1] = kDigits[c & 0xf];
        t.hex[c][2] = ' ';
        t.hex[c][3] = ' ';
        t.shown[c] = c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '.';
    }
    return t;
}

constexpr HexTables kTables = makeHexTables();

void writeOffset(char *p, size_t offset)
{
    for (int shift = 24, i = 0; shift >= 0; shift -= 8, i += 2)
        std::memcpy(p + i, kTables.hex[(offset >> shift) & 0xff], 2);
    p[8] = ' ';
    p[9] = ' ';
}

// One line of count (1..16) bytes; returns its end. The hex columns of missing bytes are blank.
char *writeLineScalar(char *p, const unsigned char *row, size_t count)
{
    char *q = p + kFirstHalf;
    // Each store writes "xx  ": its fourth byte is the next column's first or a separator.
    for (size_t k = 0; k < 16; ++k) {
        std::memcpy(q, k < count ? kTables.hex[row[k]] : "    ", 4);
        q += k == 7 ? 4 : 3;
    }
    *q++ = ' ';
    *q++ = '|';
    for (size_t k = 0; k < count; ++k)
        q[k] = kTables.shown[row[k]];
    q += count;
    *q++ = '|';
    *q++ = '\n';
    return q;
}

#ifdef SB_HEXDUMP_SSSE3
// Sixteen bytes into their 48 hex columns and 16 shown characters, with byte shuffles: the
// digits come from a 16-entry table by nibble, and the "xx " spacing from two fixed shuffles.
__attribute__((target("ssse3"))) void writeFullLinesSsse3(char *p, const unsigned char *bytes,
                                                          size_t lines, size_t firstOffset)
{
    const __m128i digits = _mm_setr_epi8('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b',
                                         'c', 'd', 'e', 'f');
    const __m128i nibble = _mm_set1_epi8(0x0f);
    // 8 bytes' digit pairs (16 chars) into 24 columns "hl hl hl ...": the first 16 columns
    // and the last 8; -1 picks zero, which the OR with spaces turns into ' '.
    const __m128i spread0 = _mm_setr_epi8(0, 1, -1, 2, 3, -1, 4, 5, -1, 6, 7, -1, 8, 9, -1, 10);
    const __m128i spread1
            = _mm_setr_epi8(11, -1, 12, 13, -1, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    const __m128i gaps0 = _mm_setr_epi8(0, 0, ' ', 0, 0, ' ', 0, 0, ' ', 0, 0, ' ', 0, 0, ' ', 0);
    const __m128i gaps1 = _mm_setr_epi8(0, ' ', 0, 0, ' ', 0, 0, ' ', 0, 0, 0, 0, 0, 0, 0, 0);
    const __m128i below = _mm_set1_epi8(0x1f);
    const __m128i above = _mm_set1_epi8(0x7f);
    const __m128i dot = _mm_set1_epi8('.');
    for (size_t i = 0; i < lines; ++i, p += kLine, bytes += 16) {
        writeOffset(p, firstOffset + i * 16);
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(bytes));
        const __m128i hi = _mm_shuffle_epi8(digits, _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
        const __m128i lo = _mm_shuffle_epi8(digits, _mm_and_si128(v, nibble));
        const __m128i pairs[2] = {_mm_unpacklo_epi8(hi, lo), _mm_unpackhi_epi8(hi, lo)};
        const size_t at[2] = {kFirstHalf, kSecondHalf};
        for (int h = 0; h < 2; ++h) {
            const __m128i a = _mm_or_si128(_mm_shuffle_epi8(pairs[h], spread0), gaps0);
            const __m128i b = _mm_or_si128(_mm_shuffle_epi8(pairs[h], spread1), gaps1);
            _mm_storeu_si128(reinterpret_cast<__m128i *>(p + at[h]), a);
            _mm_storel_epi64(reinterpret_cast<__m128i *>(p + at[h] + 16), b);
        }
        p[kSecondHalf - 1] = ' ';
        p[kShown - 2] = ' ';
        p[kShown - 1] = '|';
        // Printable is 0x20..0x7e; as signed bytes, 0x80..0xff are negative and fail the first.
        const __m128i printable = _mm_and_si128(_mm_cmpgt_epi8(v, below), _mm_cmplt_epi8(v, above));
        const __m128i shown
                = _mm_or_si128(_mm_and_si128(printable, v), _mm_andnot_si128(printable, dot));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(p + kShown), shown);
        p[kLine - 2] = '|';
        p[kLine - 1] = '\n';
    }
}

bool haveSsse3()
{
    static const bool have = __builtin_cpu_supports("ssse3");
    return have;
}
#endif

} // namespace

void appendHexDump(std::string &out, std::string_view data, size_t maxBytes)
{
    const size_t shown = std::min(data.size(), maxBytes);
    const size_t start = out.size();
    out.resize(start + (shown + 15) / 16 * kLine);
    char *p = out.data() + start;
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.data());
    size_t done = 0;
#ifdef SB_HEXDUMP_SSSE3
    if (haveSsse3()) {
        const size_t lines = shown / 16;
        writeFullLinesSsse3(p, bytes, lines, 0);
        p += lines * kLine;
        done = lines * 16;
    }
#endif
    for (; done < shown; done += 16) {
        writeOffset(p, done);
        p = writeLineScalar(p, bytes + done, std::min<size_t>(16, shown - done));
    }
    out.resize(static_cast<size_t>(p - out.data()));
    if (shown < data.size())
        out += "... " + std::to_string(data.size() - shown) + " more bytes\n";
}

std::string hexDump(std::string_view data, size_t maxBytes)
{
    std::string out;
    appendHexDump(out, data, maxBytes);
    return out;
}

} // namespace sb
