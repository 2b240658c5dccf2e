# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The page linter's hot loops in compiled code: statistics, template holes and bare URLs
in one scan, reading lexbor's tree in place, citations by a block's own links, and a few
helpers (references headings, lower case for EV301).

Each function here gives exactly what its Python counterpart in
:mod:`evidence.lint.statistics`, :mod:`evidence.lint.holes`, :mod:`evidence.lint.page`,
:mod:`evidence.lint.htmlpage`, :mod:`evidence.lint.citations` and
:mod:`evidence.lint.order` gives (those modules document the rules; tests run both on
the seed pages, the labelled sentences, generated pages and random text and require the
same answers). The regular expressions are tried at every character and backtrack; here
one pass over the text (as UCS-4) notes where trigger characters stand, and each pattern
is decided by looking at the few characters around its triggers, the way the
expressions' backtracking would end.
"""

from cpython.mem cimport PyMem_Calloc, PyMem_Free, PyMem_Malloc, PyMem_Realloc
from cpython.tuple cimport PyTuple_GET_SIZE
from libc.stdint cimport uint64_t
from libc.string cimport memchr, memcmp, memcpy, memset

cdef extern from *:
    int ctz "__builtin_ctz"(unsigned int) noexcept nogil

cdef extern from *:
    """
    #ifndef EVIDENCE_SCAN_SOURCE
    #define EVIDENCE_SCAN_SOURCE ""
    #endif
    """
    const char* EVIDENCE_SCAN_SOURCE


def built_from():
    """The first 16 hex digits of the SHA-256 of the ``_scan.pyx`` this extension was built
    from (set by setup.py; empty if built otherwise)."""
    return EVIDENCE_SCAN_SOURCE.decode("ascii")

cdef extern from *:
    """
    /* Which of 16 UCS-4 characters are trigger places: a bit for each that is not ASCII,
       or whose TRIGGERS entry is set and, for the few common characters that have a pair
       rule (a letter or the space, kept only before one of one or two characters), whose
       next character fits; a digit right after a digit (inside a number, where no scan
       starts), . : ; not after a space (the only place a hole pattern starts at them), a
       capital other than K, M, B not before a lower-case letter (an acronym's second
       letter, NaN, None, From, Between: what its patterns ask) and the i of in, o of of and
       o of ou not before a space, a space and a t (what the statistics scan asks) are not. The SSSE3 version packs the 16 characters, and the 16 after
       each, into bytes (code points over 255 saturate to 255), looks both halves of each
       byte up in a table, the row (high half) giving a bit of its own to the column (low
       half), exact for every ASCII character, and looks the pair rules up by the low half
       too (their characters' low halves all differ), comparing the character after each
       with the one or two its rule allows. The plain version is the definition; both read
       one character past the block. */
    static unsigned char ev_lo[16], ev_hi[16], ev_table[128];
    static unsigned char ev_pair_char[8], ev_pair_next[8][2];
    /* The pair rules by the low half of their character's code (all different: checked),
       for the vector version: the character (else one whose low half differs, which no
       byte looked up there can equal) and the two characters allowed after it. */
    static unsigned char ev_pair_by_low[16], ev_next0_by_low[16], ev_next1_by_low[16];
    static int ev_pairs_count = 0, ev_vector = 0, ev_pairs_by_low = 0;

    static void ev_tables(const unsigned char* triggers, const unsigned char* pairs, int count) {
        int c, k, low;
        for (c = 0; c < 16; c++) {
            ev_lo[c] = 0; ev_hi[c] = c < 8 ? (unsigned char)(1u << c) : 0;
            ev_pair_by_low[c] = (unsigned char)(c ^ 1); ev_next0_by_low[c] = ev_next1_by_low[c] = 0;
        }
        for (c = 0; c < 128; c++) {
            ev_table[c] = triggers[c] != 0;
            if (triggers[c]) ev_lo[c & 15] |= (unsigned char)(1u << (c >> 4));
        }
        ev_pairs_count = count < 8 ? count : 8;
        ev_pairs_by_low = 1;
        for (k = 0; k < ev_pairs_count; k++) {
            ev_pair_char[k] = pairs[3 * k];
            ev_pair_next[k][0] = pairs[3 * k + 1];
            ev_pair_next[k][1] = pairs[3 * k + 2];
            low = pairs[3 * k] & 15;
            if (ev_pair_by_low[low] != (unsigned char)(low ^ 1) || pairs[3 * k] >= 128) ev_pairs_by_low = 0;
            ev_pair_by_low[low] = pairs[3 * k];
            ev_next0_by_low[low] = pairs[3 * k + 1];
            ev_next1_by_low[low] = pairs[3 * k + 2];
        }
    }

    /* t[-1] is read unless first: the start of the text has no character before it. */
    static int ev_is_trigger(const Py_UCS4* t, int first) {
        Py_UCS4 c = t[0], d = t[1], b = first ? 0 : t[-1];
        int k;
        if (c >= 128) return 1;
        if (!ev_table[c]) return 0;
        if (c >= 48 && c <= 57 && b >= 48 && b <= 57) return 0;  /* inside a number */
        if ((c == 46 || c == 58 || c == 59) && b != 32) return 0;  /* . : ; only after a space */
        /* a capital (but K, M, B, which a range may follow) only before a lower-case letter */
        if (c >= 65 && c <= 90 && c != 75 && c != 77 && c != 66 && !(d >= 97 && d <= 122)) return 0;
        if (c == 105 && d == 110 && t[2] != 32) return 0;  /* i-n only before a space */
        if (c == 111 && ((d == 102 && t[2] != 32) || (d == 117 && t[2] != 116))) return 0;  /* o-f before a space, o-u-t */
        for (k = 0; k < ev_pairs_count; k++)
            if (c == ev_pair_char[k]) return d == ev_pair_next[k][0] || d == ev_pair_next[k][1];
        return 1;
    }

    #if defined(__GNUC__) && defined(__x86_64__)
    #include <immintrin.h>
    __attribute__((target("ssse3")))
    static inline __m128i ev_bytes16(const Py_UCS4* t) {
        __m128i ab = _mm_packs_epi32(_mm_loadu_si128((const __m128i*)t), _mm_loadu_si128((const __m128i*)(t + 4)));
        __m128i cd = _mm_packs_epi32(_mm_loadu_si128((const __m128i*)(t + 8)), _mm_loadu_si128((const __m128i*)(t + 12)));
        return _mm_packus_epi16(ab, cd);
    }
    __attribute__((target("ssse3")))
    static void ev_masks_ssse3(const Py_UCS4* t, Py_ssize_t blocks, unsigned short* out) {
        const __m128i lo_table = _mm_loadu_si128((const __m128i*)ev_lo);
        const __m128i hi_table = _mm_loadu_si128((const __m128i*)ev_hi);
        const __m128i pair_table = _mm_loadu_si128((const __m128i*)ev_pair_by_low);
        const __m128i next0_table = _mm_loadu_si128((const __m128i*)ev_next0_by_low);
        const __m128i next1_table = _mm_loadu_si128((const __m128i*)ev_next1_by_low);
        const __m128i nibble = _mm_set1_epi8(15), zero = _mm_setzero_si128();
        const __m128i before0 = _mm_set1_epi8('0' - 1), after9 = _mm_set1_epi8('9' + 1), space = _mm_set1_epi8(' ');
        const __m128i dot = _mm_set1_epi8('.'), colon = _mm_set1_epi8(':'), semicolon = _mm_set1_epi8(';');
        const __m128i before_a_cap = _mm_set1_epi8('A' - 1), after_z_cap = _mm_set1_epi8('Z' + 1);
        const __m128i before_a = _mm_set1_epi8('a' - 1), after_z = _mm_set1_epi8('z' + 1);
        const __m128i cap_k = _mm_set1_epi8('K'), cap_m = _mm_set1_epi8('M'), cap_b = _mm_set1_epi8('B');
        const __m128i letter_i = _mm_set1_epi8('i'), letter_n = _mm_set1_epi8('n'), letter_o = _mm_set1_epi8('o');
        const __m128i letter_f = _mm_set1_epi8('f'), letter_u = _mm_set1_epi8('u'), letter_t = _mm_set1_epi8('t');
        __m128i last = zero, bytes = blocks > 0 ? ev_bytes16(t) : zero;
        Py_ssize_t b;
        for (b = 0; b < blocks; b++, t += 16) {
            /* the 16 characters after each: the next block's bytes shifted in (the last
               block's read one by one up to t[16], the one character past it allowed) */
            __m128i following = b + 1 < blocks ? ev_bytes16(t + 16) : zero;
            __m128i next = b + 1 < blocks ? _mm_alignr_epi8(following, bytes, 1) : ev_bytes16(t + 1);
            __m128i prev = _mm_alignr_epi8(bytes, last, 15);
            __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(bytes, before0), _mm_cmpgt_epi8(after9, bytes));
            __m128i digit_before = _mm_and_si128(_mm_cmpgt_epi8(prev, before0), _mm_cmpgt_epi8(after9, prev));
            __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, dot), _mm_cmpeq_epi8(bytes, colon)),
                                        _mm_cmpeq_epi8(bytes, semicolon));
            __m128i drop = _mm_or_si128(_mm_and_si128(digit, digit_before), _mm_andnot_si128(_mm_cmpeq_epi8(prev, space), stop));
            /* the character two on, for in- of- out: the next block's bytes shifted in by two
               (in the last block, the 16th character's is not read: that one is decided one
               at a time below, as the characters after the last block are) */
            __m128i next2 = b + 1 < blocks ? _mm_alignr_epi8(following, bytes, 2) : _mm_srli_si128(next, 1);
            __m128i capital = _mm_and_si128(_mm_cmpgt_epi8(bytes, before_a_cap), _mm_cmpgt_epi8(after_z_cap, bytes));
            capital = _mm_andnot_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, cap_k), _mm_cmpeq_epi8(bytes, cap_m)),
                                                    _mm_cmpeq_epi8(bytes, cap_b)), capital);
            __m128i next_lower = _mm_and_si128(_mm_cmpgt_epi8(next, before_a), _mm_cmpgt_epi8(after_z, next));
            drop = _mm_or_si128(drop, _mm_andnot_si128(next_lower, capital));
            __m128i is_in = _mm_and_si128(_mm_cmpeq_epi8(bytes, letter_i), _mm_cmpeq_epi8(next, letter_n));
            drop = _mm_or_si128(drop, _mm_andnot_si128(_mm_cmpeq_epi8(next2, space), is_in));
            __m128i is_o = _mm_cmpeq_epi8(bytes, letter_o);
            __m128i of_ = _mm_and_si128(is_o, _mm_cmpeq_epi8(next, letter_f));
            __m128i ou_ = _mm_and_si128(is_o, _mm_cmpeq_epi8(next, letter_u));
            drop = _mm_or_si128(drop, _mm_or_si128(_mm_andnot_si128(_mm_cmpeq_epi8(next2, space), of_),
                                                   _mm_andnot_si128(_mm_cmpeq_epi8(next2, letter_t), ou_)));
            __m128i low = _mm_and_si128(bytes, nibble);
            __m128i lo = _mm_shuffle_epi8(lo_table, low);
            __m128i hi = _mm_shuffle_epi8(hi_table, _mm_and_si128(_mm_srli_epi16(bytes, 4), nibble));
            unsigned int miss = (unsigned int)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(lo, hi), zero));
            /* a pair rule's character (looked up by its low half) not followed by what it asks */
            __m128i paired = _mm_cmpeq_epi8(bytes, _mm_shuffle_epi8(pair_table, low));
            __m128i fits = _mm_or_si128(_mm_cmpeq_epi8(next, _mm_shuffle_epi8(next0_table, low)),
                                        _mm_cmpeq_epi8(next, _mm_shuffle_epi8(next1_table, low)));
            drop = _mm_or_si128(drop, _mm_andnot_si128(fits, paired));
            out[b] = (unsigned short)(((~miss & ~(unsigned int)_mm_movemask_epi8(drop))
                                       | (unsigned int)_mm_movemask_epi8(bytes)) & 0xFFFF);
            if (b + 1 == blocks)
                out[b] = (unsigned short)((out[b] & 0x7FFF) | ((unsigned int)ev_is_trigger(t + 15, 0) << 15));
            last = bytes;
            bytes = following;
        }
    }
    static int ev_vector_possible(void) { __builtin_cpu_init(); return __builtin_cpu_supports("ssse3"); }
    #else
    static void ev_masks_ssse3(const Py_UCS4* t, Py_ssize_t blocks, unsigned short* out) { (void)t; (void)blocks; (void)out; }
    static int ev_vector_possible(void) { return 0; }
    #endif

    /* 16 printable ASCII bytes (0x20-0x7F) of s widened into o as UCS-4 (1), or nothing
       written (0) when one is not. SSE2 is part of every x86-64; elsewhere always 0. */
    #if defined(__SSE2__)
    #include <emmintrin.h>
    static inline int ev_ascii16(const unsigned char* s, Py_UCS4* o) {
        const __m128i v = _mm_loadu_si128((const __m128i*)s), zero = _mm_setzero_si128();
        if (_mm_movemask_epi8(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F))) != 0xFFFF) return 0;  /* signed: >= 0x80 fails too */
        const __m128i lo = _mm_unpacklo_epi8(v, zero), hi = _mm_unpackhi_epi8(v, zero);
        _mm_storeu_si128((__m128i*)o, _mm_unpacklo_epi16(lo, zero));
        _mm_storeu_si128((__m128i*)(o + 4), _mm_unpackhi_epi16(lo, zero));
        _mm_storeu_si128((__m128i*)(o + 8), _mm_unpacklo_epi16(hi, zero));
        _mm_storeu_si128((__m128i*)(o + 12), _mm_unpackhi_epi16(hi, zero));
        return 1;
    }
    #else
    static inline int ev_ascii16(const unsigned char* s, Py_UCS4* o) { (void)s; (void)o; return 0; }
    #endif

    /* n UCS-4 characters, all under 256 (narrow1) or 65536 (narrow2), into one or two
       bytes each: sixteen or eight at a time with SSE2 (the two-byte way shifts each into
       the signed range so that the signed pack keeps it, and back), the rest one by one. */
    static void ev_narrow1(const Py_UCS4* in, unsigned char* out, Py_ssize_t n) {
        Py_ssize_t i = 0;
    #if defined(__SSE2__)
        for (; i + 16 <= n; i += 16) {
            __m128i ab = _mm_packs_epi32(_mm_loadu_si128((const __m128i*)(in + i)), _mm_loadu_si128((const __m128i*)(in + i + 4)));
            __m128i cd = _mm_packs_epi32(_mm_loadu_si128((const __m128i*)(in + i + 8)), _mm_loadu_si128((const __m128i*)(in + i + 12)));
            _mm_storeu_si128((__m128i*)(out + i), _mm_packus_epi16(ab, cd));
        }
    #endif
        for (; i < n; i++) out[i] = (unsigned char)in[i];
    }
    static void ev_narrow2(const Py_UCS4* in, unsigned short* out, Py_ssize_t n) {
        Py_ssize_t i = 0;
    #if defined(__SSE2__)
        const __m128i shift32 = _mm_set1_epi32(0x8000), shift16 = _mm_set1_epi16((short)0x8000);
        for (; i + 8 <= n; i += 8) {
            __m128i a = _mm_sub_epi32(_mm_loadu_si128((const __m128i*)(in + i)), shift32);
            __m128i b = _mm_sub_epi32(_mm_loadu_si128((const __m128i*)(in + i + 4)), shift32);
            _mm_storeu_si128((__m128i*)(out + i), _mm_xor_si128(_mm_packs_epi32(a, b), shift16));
        }
    #endif
        for (; i < n; i++) out[i] = (unsigned short)in[i];
    }

    /* One mask for each whole block of 16 characters of t (t[16 * blocks] must be readable). */
    static void ev_trigger_masks(const Py_UCS4* t, Py_ssize_t blocks, unsigned short* out) {
        Py_ssize_t b;
        unsigned int i, m;
        if (ev_vector && ev_pairs_by_low) { ev_masks_ssse3(t, blocks, out); return; }
        for (b = 0; b < blocks; b++, t += 16) {
            for (m = 0, i = 0; i < 16; i++) m |= (unsigned int)ev_is_trigger(t + i, b == 0 && i == 0) << i;
            out[b] = (unsigned short)m;
        }
    }
    """
    void ev_tables(const unsigned char* triggers, const unsigned char* pairs, int count) noexcept nogil
    bint ev_is_trigger(const Py_UCS4* t, int first) noexcept nogil
    bint ev_vector_possible() noexcept nogil
    int ev_vector
    int ev_pairs_by_low
    void ev_trigger_masks(const Py_UCS4* t, Py_ssize_t blocks, unsigned short* out) noexcept nogil
    bint ev_ascii16(const unsigned char* s, Py_UCS4* o) noexcept nogil
    void ev_narrow1(const Py_UCS4* source, unsigned char* out, Py_ssize_t n) noexcept nogil
    void ev_narrow2(const Py_UCS4* source, unsigned short* out, Py_ssize_t n) noexcept nogil

cdef extern from "Python.h":
    Py_UCS4* PyUnicode_AsUCS4Copy(object) except NULL
    Py_UCS4* PyUnicode_AsUCS4(object, Py_UCS4* buffer, Py_ssize_t buflen, int copy_null) except NULL
    int PyUnicode_KIND(object)
    void* PyUnicode_DATA(object)
    Py_UCS4 PyUnicode_READ(int kind, const void* data, Py_ssize_t index) noexcept nogil
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    str PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    bint Py_UNICODE_ISALNUM(Py_UCS4) noexcept nogil
    bint Py_UNICODE_ISALPHA(Py_UCS4) noexcept nogil
    bint Py_UNICODE_ISDIGIT(Py_UCS4) noexcept nogil
    Py_UCS4 Py_UNICODE_TOLOWER(Py_UCS4) noexcept nogil
    bint Py_UNICODE_ISDECIMAL(Py_UCS4) noexcept nogil
    bint Py_UNICODE_ISSPACE(Py_UCS4) noexcept nogil
    Py_ssize_t PyUnicode_Find(object, object, Py_ssize_t, Py_ssize_t, int) except -2
    Py_ssize_t PyUnicode_Count(object, object, Py_ssize_t, Py_ssize_t) except -1

ctypedef Py_UCS4 ch

cdef struct Text:
    const ch* t
    Py_ssize_t n

ctypedef unsigned int place_t  # a place in a page text (texts of 4 G characters and more are refused)

cdef struct Cands:
    # the places where a scan may find something, in order, and how far it has read them
    place_t* pos
    Py_ssize_t n
    Py_ssize_t k


cdef inline Py_ssize_t next_candidate(Cands* cd, Py_ssize_t i) noexcept nogil:
    """The next of a scan's trigger places at or after ``i`` (read: the next call goes on
    after it), or -1 when none is left."""
    cdef Py_ssize_t j
    while cd.k < cd.n:
        j = cd.pos[cd.k]
        cd.k += 1
        if j >= i:
            return j
    return -1


# characters ----------------------------------------------------------------------------
cdef inline ch at(Text* x, Py_ssize_t i) noexcept nogil:
    return x.t[i] if 0 <= i < x.n else 0

cdef inline bint digit(ch c) noexcept nogil:
    return 48 <= c <= 57

cdef inline bint upper(ch c) noexcept nogil:
    return 65 <= c <= 90

cdef inline bint lower(ch c) noexcept nogil:
    return 97 <= c <= 122

cdef inline bint alpha(ch c) noexcept nogil:
    return upper(c) or lower(c)

cdef inline bint ascii_alnum(ch c) noexcept nogil:
    return alpha(c) or digit(c)

cdef inline bint word(ch c) noexcept nogil:
    # a character of \w in a str pattern
    return c != 0 and (c == 95 or Py_UNICODE_ISALNUM(c))

cdef inline bint isalnum(ch c) noexcept nogil:
    return c != 0 and Py_UNICODE_ISALNUM(c)

cdef inline bint isalpha(ch c) noexcept nogil:
    return c != 0 and Py_UNICODE_ISALPHA(c)

cdef inline bint currency(ch c) noexcept nogil:
    return c == 0x24 or c == 0x20AC or c == 0xA3 or c == 0xA5 or c == 0x20B9

cdef inline bint boundary(Text* x, Py_ssize_t i) noexcept nogil:
    return word(at(x, i - 1)) != word(at(x, i))

cdef inline Py_ssize_t lit_end(Text* x, Py_ssize_t i, const char* s) noexcept nogil:
    """Where the ASCII literal ``s`` ends when it stands at ``i``, or -1."""
    cdef Py_ssize_t k = 0
    if i < 0:
        return -1
    while s[k] != 0:
        if i + k >= x.n or x.t[i + k] != <ch>(<unsigned char>s[k]):
            return -1
        k += 1
    return i + k

cdef inline bint lit(Text* x, Py_ssize_t i, const char* s) noexcept nogil:
    return lit_end(x, i, s) >= 0

cdef inline Py_ssize_t litlen(const char* s) noexcept nogil:
    cdef Py_ssize_t k = 0
    while s[k] != 0:
        k += 1
    return k

cdef inline Py_ssize_t spaces(Text* x, Py_ssize_t i) noexcept nogil:
    while i < x.n and x.t[i] == 32:
        i += 1
    return i

cdef inline Py_ssize_t digits(Text* x, Py_ssize_t i) noexcept nogil:
    while i < x.n and digit(x.t[i]):
        i += 1
    return i

cdef inline Py_ssize_t word_lit(Text* x, Py_ssize_t i, const char* s) noexcept nogil:
    """End of literal ``s`` at ``i`` followed by a word boundary, or -1."""
    cdef Py_ssize_t e = lit_end(x, i, s)
    if e >= 0 and boundary(x, e):
        return e
    return -1

cdef inline Py_ssize_t plural(Text* x, Py_ssize_t i, const char* s) noexcept nogil:
    """End of ``s`` or ``s + 's'`` at ``i``, then a word boundary (``months?\\b``), or -1."""
    cdef Py_ssize_t e = lit_end(x, i, s)
    if e < 0:
        return -1
    if at(x, e) == 115 and boundary(x, e + 1):
        return e + 1
    return e if boundary(x, e) else -1


# statistics ------------------------------------------------------------------------------
DEF PERCENT = 1
DEF MULTIPLIER = 2
DEF CODE = 3
DEF SHARE = 4
DEF PEOPLE = 5
DEF TIME = 6
DEF WORD = 7
DEF END = 8
DEF MONEY = 9
DEF COUNT = 10
DEF SAMPLE = 11
DEF DURATION = 12

cdef tuple KINDS = (None, "percent", "multiplier", "code", "share", "people", "time", "word", "end",
                    "money", "count", "sample", "duration")

cdef const char** POPULATION = [
    "workers", "employees", "people", "persons", "respondents", "participants", "firms", "companies",
    "employers", "businesses", "organisations", "organizations", "users", "customers", "candidates",
    "applicants", "hires", "professionals", "engineers", "developers", "scientists", "managers", "adults",
    "students", "graduates", "households", "patients", "layoffs", NULL]
cdef const char** TIMES = ["second", "minute", "hour", "day", "week", "month", "year", NULL]
cdef const char** CODES = ["USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "INR", "CNY", "dollars", "euros",
                           "pounds", NULL]
cdef const char** COMPARATIVES = ["as", "more", "less", "higher", "lower", "faster", "larger", "greater",
                                  "likelier", NULL]
cdef const char** WORDNUM = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "every", NULL]

index_initials(POPULATION)
index_initials(TIMES)
index_initials(CODES)
index_initials(COMPARATIVES)
index_initials(WORDNUM)

cdef const char** ID_WORDS = [
    "article", "section", "no", "nr", "id", "step", "level", "chapter", "page", "part", "figure", "fig",
    "table", "version", "vol", "volume", "issue", "route", "room", "suite", "floor", "grade", "tier",
    "phase", "stage", "round", "top", "rank", "ranked", "number", "item", "question", "episode", "season",
    "class", "form", "model", "series", "code", "report", "methodology", "v", "rule", "title", "act", "task",
    "slide", "showing", "photo", "image", "lesson", "module", "video", "rated",
    "fortune", "global", "inc", "iso", "russell", "ftse", "nasdaq", "p", NULL]
cdef const char** NOT_COUNTED = [
    "ms", "px", "em", "rem", "gb", "mb", "kb", "tb", "ghz", "mhz", "mph", "km", "kg", "bc", "ad", "ce", "bce",
    "am", "pm", "s", "degree", "degrees", "pixels", "dpi", "words", "characters",
    "lbs", "kilograms", "kilos", "tons", "tonnes", "gross", "and", "or", "to",
    "reviews", "ratings", "shares", "likes", "comments", "subscribers", "followers", "readers", "views", "votes",
    "guides", NULL]
cdef const char** DURATION_CUES = ["average", "median", "mean", "typical", "typically", "save", "saves",
                                   "saved", "cut", "cuts", "reduced", "by", "spent", "spend", "spends", NULL]
cdef const char** NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", NULL]
"""The word lists of ``statistics.py`` (lower case, ASCII): ``_ID_WORDS``, ``_NOT_COUNTED``,
``_DURATION_CUES`` and ``_NUMBER_WORDS`` (a test holds them equal, :func:`word_lists`)."""


cdef struct Words:
    const char** words
    short first[27]  # the words starting with letter k are order[first[k]:first[k + 1]]
    short order[64]

cdef int index_words(Words* ix, const char** words) except -1:
    """Index a word list (lower-case ASCII, at most 64 words) by first letter."""
    cdef int k, w, n = 0
    ix.words = words
    for k in range(26):
        ix.first[k] = n
        w = 0
        while words[w] != NULL:
            if words[w][0] == 97 + k:
                if n == 64:
                    raise ValueError("a word list of more than 64 words")
                ix.order[n] = w
                n += 1
            w += 1
    ix.first[26] = n
    return 0

cdef Words ID_INDEX, NOT_COUNTED_INDEX, DURATION_INDEX, NUMBER_INDEX
index_words(&ID_INDEX, ID_WORDS)
index_words(&NOT_COUNTED_INDEX, NOT_COUNTED)
index_words(&DURATION_INDEX, DURATION_CUES)
index_words(&NUMBER_INDEX, NUMBER_WORDS)


cdef bint folded_in(const ch* t, Py_ssize_t j, Py_ssize_t e, Words* ix) noexcept nogil:
    """``t[j:e]``, ASCII lower-cased, is one of the indexed words (lower-case ASCII); a
    character that is not an ASCII letter matches only itself."""
    cdef Py_ssize_t k, w
    cdef unsigned int c
    cdef const char* word
    if j >= e:
        return False
    c = <unsigned int>t[j]
    if 65 <= c <= 90:
        c += 32
    if not 97 <= c <= 122:
        return False  # every word starts with a letter
    for w in range(ix.first[c - 97], ix.first[c - 96]):
        word = ix.words[ix.order[w]]
        k = 1
        while j + k < e and word[k] != 0:
            c = <unsigned int>t[j + k]
            if 65 <= c <= 90:
                c += 32
            if c != <unsigned int>(<unsigned char>word[k]):
                break
            k += 1
        if j + k == e and word[k] == 0:
            return True
    return False


cdef list word_list(const char** words):
    """A NULL-ended word list as a list of str, in order."""
    cdef int w = 0
    cdef list found = []
    while words[w] != NULL:
        found.append(words[w].decode("ascii"))
        w += 1
    return found


cdef frozenset words_of(const char** words):
    """A NULL-ended word list as a set of str."""
    return frozenset(word_list(words))


cdef frozenset NOT_COUNTED_SET = words_of(NOT_COUNTED)
"""``NOT_COUNTED`` as strs, for a word after a count that is not ASCII (compared as Python does)."""


def word_lists():
    """The compiled scanner's word lists, as sets: what ``statistics.py`` calls ``_ID_WORDS``,
    ``_NOT_COUNTED``, ``_DURATION_CUES`` and ``_NUMBER_WORDS``."""
    return [set(words_of(ID_WORDS)), set(words_of(NOT_COUNTED)), set(words_of(DURATION_CUES)),
            set(words_of(NUMBER_WORDS))]


cdef signed char FIRST_WORD[5][128]
"""For POPULATION, TIMES, CODES, COMPARATIVES and WORDNUM (the rows, in the order
:func:`word_row` gives), the index of the first word starting with each ASCII character,
or -1 (so most positions are refused at once) ..."""
cdef signed char NEXT_WORD[5][64]
"""... and after each word, the next word of its list with the same first character, or -1:
a list is tried in its own order, but only where its words can start."""
cdef int INITIAL_COUNT = 0


cdef int index_initials(const char** words) except -1:
    """Fill the next rows of FIRST_WORD and NEXT_WORD from ``words``."""
    global INITIAL_COUNT
    cdef int k = 0, c, row = INITIAL_COUNT
    cdef signed char last[128]
    for c in range(128):
        FIRST_WORD[row][c] = -1
        last[c] = -1
    while words[k] != NULL:
        if k >= 64:
            raise ValueError("a word list of the statistics scan holds at most 64 words")
        c = <unsigned char>words[k][0]
        NEXT_WORD[row][k] = -1
        if last[c] < 0:
            FIRST_WORD[row][c] = k
        else:
            NEXT_WORD[row][last[c]] = k
        last[c] = k
        k += 1
    INITIAL_COUNT += 1
    return 0


cdef inline int word_row(const char** words) noexcept nogil:
    """The row of FIRST_WORD and NEXT_WORD for ``words``, or -1 for a list not indexed."""
    if words == POPULATION:
        return 0
    if words == TIMES:
        return 1
    if words == CODES:
        return 2
    if words == COMPARATIVES:
        return 3
    if words == WORDNUM:
        return 4
    return -1


cdef inline Py_ssize_t any_word(Text* x, Py_ssize_t i, const char** words) noexcept nogil:
    """End of the first of ``words`` at ``i`` followed by a word boundary, or -1."""
    cdef Py_ssize_t e
    cdef int k, row = word_row(words)
    cdef ch c = at(x, i)
    if c >= 128:
        return -1
    if row < 0:  # a list not indexed: every word, in order
        k = 0
        while words[k] != NULL:
            if <ch>(<unsigned char>words[k][0]) == c:
                e = word_lit(x, i, words[k])
                if e >= 0:
                    return e
            k += 1
        return -1
    k = FIRST_WORD[row][c]
    while k >= 0:
        e = word_lit(x, i, words[k])
        if e >= 0:
            return e
        k = NEXT_WORD[row][k]
    return -1

cdef inline Py_ssize_t time_word(Text* x, Py_ssize_t i) noexcept nogil:
    """End of ``(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\\b`` at ``i``, or -1."""
    cdef Py_ssize_t k = 0, e
    cdef ch c = at(x, i)
    if c >= 128 or FIRST_WORD[1][c] < 0:
        return -1
    while TIMES[k] != NULL:
        e = plural(x, i, TIMES[k])
        if e >= 0:
            return e
        k += 1
    return -1

cdef Py_ssize_t number_end(Text* x, Py_ssize_t s) noexcept nogil:
    """End of ``[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+`` and an optional ``\\.[0-9]+`` at ``s``."""
    cdef Py_ssize_t run = digits(x, s), end = run, g = run, groups = 0
    if run - s <= 3:
        while g + 3 < x.n and x.t[g] == 44 and digit(x.t[g + 1]) and digit(x.t[g + 2]) and digit(x.t[g + 3]):
            g += 4
            groups += 1
        if groups:
            if digit(at(x, g)):
                if groups >= 2:
                    end = g - 4
            else:
                end = g
    if at(x, end) == 46 and digit(at(x, end + 1)):
        end = digits(x, end + 1)
    return end

cdef Py_ssize_t magnitude(Text* x, Py_ssize_t p) noexcept nogil:
    """End of `` *(?:[kK]|M|B|bn|mn|thousand|million|billion|trillion)(?![A-Za-z0-9])`` at ``p``, or -1."""
    cdef Py_ssize_t q = spaces(x, p), e = -1
    cdef ch c = at(x, q)
    if c == 107 or c == 75 or c == 77 or c == 66:
        e = q + 1
    elif c == 98:  # the words by their first letter: bn, billion
        e = q + 2 if lit(x, q, "bn") else q + 7 if lit(x, q, "billion") else -1
    elif c == 109:  # mn, million
        e = q + 2 if lit(x, q, "mn") else q + 7 if lit(x, q, "million") else -1
    elif c == 116:  # thousand, trillion
        e = q + 8 if lit(x, q, "thousand") or lit(x, q, "trillion") else -1
    if e >= 0 and not ascii_alnum(at(x, e)):
        return e
    return -1

cdef bint range_at(Text* x, Py_ssize_t r, Py_ssize_t* with_mag, Py_ssize_t* without_mag) noexcept nogil:
    """A range ``%? *(?:[-–—]|to ) *[+-−]?[$€£¥₹]? *NUMBER MAG?`` at ``r``."""
    cdef Py_ssize_t q = r, e, m
    cdef ch c
    if at(x, q) == 37:
        q += 1
    q = spaces(x, q)
    c = at(x, q)
    if c == 45 or c == 0x2013 or c == 0x2014:
        q += 1
    elif lit(x, q, "to "):
        q += 3
    else:
        return False
    q = spaces(x, q)
    c = at(x, q)
    if c == 43 or c == 45 or c == 0x2212:
        q += 1
    if currency(at(x, q)):
        q += 1
    q = spaces(x, q)
    if not digit(at(x, q)):
        return False
    e = number_end(x, q)
    m = magnitude(x, e)
    without_mag[0] = e
    with_mag[0] = m if m >= 0 else e
    return True

cdef bint population_ahead(Text* x, Py_ssize_t q) noexcept nogil:
    """`` +(?:[A-Za-z][A-Za-z-]* +){0,2}POPULATION\\b`` at ``q``."""
    cdef Py_ssize_t u, v
    cdef int k
    if at(x, q) != 32:
        return False
    u = spaces(x, q)
    for k in range(3):
        if any_word(x, u, POPULATION) >= 0:
            return True
        if k == 2 or not alpha(at(x, u)):
            return False
        v = u + 1
        while v < x.n and (alpha(x.t[v]) or x.t[v] == 45):
            v += 1
        if at(x, v) != 32:
            return False
        u = spaces(x, v)
    return False

cdef int tail(Text* x, Py_ssize_t q, bint known, Py_ssize_t* end) noexcept nogil:
    """Which unit follows a number ending at ``q`` (the alternatives of the pattern, in order)."""
    cdef Py_ssize_t u, v, w, e
    cdef ch c
    # percent
    u = spaces(x, q)
    c = at(x, u)
    if c == 37:
        end[0] = u + 1
        return PERCENT
    e = -1  # the words of a percentage, tried only under their first letter
    if c == 112:  # p
        if lit(x, u, "per"):
            if at(x, u + 3) == 32 and lit(x, u + 4, "cent") and boundary(x, u + 8):
                end[0] = u + 8
                return PERCENT
            if lit(x, u + 3, "cent") and boundary(x, u + 7):
                end[0] = u + 7
                return PERCENT
        e = word_lit(x, u, "pp")
        if e < 0 and lit(x, u, "p.p."):
            e = u + 4
        if e < 0:
            e = plural(x, u, "percentage point")
    elif c == 98:  # b
        e = word_lit(x, u, "bps")
        if e < 0:
            e = word_lit(x, u, "basis points")
    if e >= 0:
        end[0] = e
        return PERCENT
    # multiplier
    v = -1
    if c == 120 or c == 0xD7:
        v = u + 1
    elif c == 45 and lit(x, u, "-fold"):
        v = u + 5
    elif c == 102 and lit(x, u, "fold"):
        v = u + 4
    if v >= 0 and not ascii_alnum(at(x, v)):
        w = spaces(x, v)
        if not (digit(at(x, w)) or at(x, w) == 40):
            end[0] = v
            return MULTIPLIER
    if at(x, q) == 32:  # u and c as above: the first character after the spaces
        if c == 116 and lit(x, u, "times") and at(x, u + 5) == 32:
            e = any_word(x, spaces(x, u + 5), COMPARATIVES)
            if e >= 0:
                end[0] = e
                return MULTIPLIER
        # currency code
        e = any_word(x, u, CODES)
        if e >= 0:
            end[0] = e
            return CODE
        # share: in 10, out of 10, of 10
        w = -1
        if c == 105 and lit(x, u, "in") and at(x, u + 2) == 32:
            w = spaces(x, u + 2)
        elif c == 111 and lit(x, u, "out") and at(x, u + 3) == 32:
            v = spaces(x, u + 3)
            if lit(x, v, "of") and at(x, v + 2) == 32:
                w = spaces(x, v + 2)
        elif c == 111 and lit(x, u, "of") and at(x, u + 2) == 32:
            w = spaces(x, u + 2)
        if w >= 0:
            e = digits(x, w)
            if 1 <= e - w <= 3 and not word(at(x, e)) and not ((at(x, e) == 46 or at(x, e) == 44) and digit(at(x, e + 1))):
                end[0] = e
                return SHARE
        if population_ahead(x, q):
            end[0] = q
            return PEOPLE
        if time_word(x, u) >= 0:
            end[0] = q
            return TIME
        if q >= 3 and digit(x.t[q - 1]) and digit(x.t[q - 2]) and digit(x.t[q - 3]):
            c = at(x, u)
            if alpha(c) or c == 40:
                end[0] = q
                return WORD
    if known:
        end[0] = q
        return END
    return 0

cdef inline bint n_word(Text* x, Py_ssize_t k) noexcept nogil:
    return k >= 0 and (at(x, k) == 110 or at(x, k) == 78) and not word(at(x, k - 1))

cdef inline bint sample_before(Text* x, Py_ssize_t s) noexcept nogil:
    """``n=``, ``n = ``, ``n= `` or ``n =`` right before ``s``, the ``n`` starting a word."""
    cdef ch b = at(x, s - 1)
    if b != 61 and b != 32:  # each form ends with = or a space
        return False
    return ((lit(x, s - 1, "=") and n_word(x, s - 2)) or (lit(x, s - 3, " = ") and n_word(x, s - 4))
            or (lit(x, s - 2, "= ") and n_word(x, s - 3)) or (lit(x, s - 2, " =") and n_word(x, s - 3)))

cdef bint previous_word_in(Text* x, Py_ssize_t start, Py_ssize_t window, bint marks, Words* words,
                           Py_ssize_t* where) noexcept nogil:
    """``([A-Za-z#§]+)\\.? *$`` in the ``window`` characters before ``start``, lower-cased, is
    one of ``words``; ``where`` is set to where that word starts (``start``'s side if none)."""
    cdef Py_ssize_t lo = start - window if start > window else 0, j = start, e
    cdef ch c
    if j > lo and x.t[j - 1] == 10:
        j -= 1  # $ matches before a newline that ends the searched text
    while j > lo and x.t[j - 1] == 32:
        j -= 1
    if marks and j > lo and x.t[j - 1] == 46:
        j -= 1
    e = j
    while j > lo:
        c = x.t[j - 1]
        if alpha(c) or (marks and (c == 35 or c == 0xA7)):
            j -= 1
        else:
            break
    where[0] = j
    return j < e and folded_in(x.t, j, e, words)


cdef bint not_counted(Text* x, object text, Py_ssize_t end) except -1:
    """The first word of the 14 characters at ``end`` (split at white space), stripped of
    ``.,;:()`` and lower-cased, is one of ``_NOT_COUNTED``: compared in place when the
    word is ASCII, else as Python does it."""
    cdef Py_ssize_t limit = end + 14 if end + 14 < x.n else x.n, a = end, b
    while a < limit and Py_UNICODE_ISSPACE(x.t[a]):
        a += 1
    b = a
    while b < limit and not Py_UNICODE_ISSPACE(x.t[b]):
        if x.t[b] >= 128:
            parts = text[end:end + 14].split(None, 1)
            return (parts[0].strip(".,;:()").lower() if parts else "") in NOT_COUNTED_SET
        b += 1
    while a < b and (x.t[a] == 46 or x.t[a] == 44 or x.t[a] == 59 or x.t[a] == 58 or x.t[a] == 40 or x.t[a] == 41):
        a += 1
    while b > a and (x.t[b - 1] == 46 or x.t[b - 1] == 44 or x.t[b - 1] == 59 or x.t[b - 1] == 58
                     or x.t[b - 1] == 40 or x.t[b - 1] == 41):
        b -= 1
    return folded_in(x.t, a, b, &NOT_COUNTED_INDEX)


cdef const char** CUES = ["average", "median", "mean", "typical", "typically", NULL]

cdef inline ch fold(ch c) noexcept nogil:
    """The character as IGNORECASE compares it (simple lower case; dotless i is i)."""
    if c == 0x131:
        return 105
    return Py_UNICODE_TOLOWER(c)

cdef bint duration_context(Text* x, Py_ssize_t begin) noexcept nogil:
    """``\\b(?:average|median|mean|typical|typically)\\b[^.;:\\t\\n]*$`` (any case) in the 40 characters before."""
    cdef Py_ssize_t lo = begin - 40 if begin > 40 else 0, end = begin, j, k, m, L
    cdef ch c
    cdef int w
    if end > lo and x.t[end - 1] == 10:
        end -= 1  # $ matches before a newline that ends the searched text
    j = end
    while j > lo:
        c = x.t[j - 1]
        if c == 46 or c == 59 or c == 58 or c == 9 or c == 10:
            break
        j -= 1
    for k in range(j, end):
        if not boundary(x, k):
            continue
        w = 0
        while CUES[w] != NULL:
            L = litlen(CUES[w])
            if k + L <= end:
                m = 0
                while m < L and fold(x.t[k + m]) == <ch>CUES[w][m]:
                    m += 1
                if m == L and boundary(x, k + L):
                    return True
            w += 1
    return False

cdef bint average_after(Text* x, Py_ssize_t e) noexcept nogil:
    """``statistics._AVERAGE_AFTER`` matches at ``e``: ``on average`` (any case, a whole
    word) within 30 characters after it, none of them ``.;:``, a tab or a newline."""
    cdef Py_ssize_t k = e, m
    cdef const char* words = "on average"
    while k <= e + 30 and k + 10 <= x.n:
        if k > e and (x.t[k - 1] == 46 or x.t[k - 1] == 59 or x.t[k - 1] == 58 or x.t[k - 1] == 9 or x.t[k - 1] == 10):
            return False
        if boundary(x, k):
            m = 0
            while m < 10 and fold(x.t[k + m]) == <ch>words[m]:
                m += 1
            if m == 10 and boundary(x, k + 10):
                return True
        k += 1
    return False


cdef bint is_year(Text* x, Py_ssize_t s, Py_ssize_t e) noexcept nogil:
    cdef ch a, b
    if e - s != 4:
        return False
    a, b = x.t[s], x.t[s + 1]
    return ((a == 49 and (b == 56 or b == 57)) or (a == 50 and (b == 48 or b == 49))) and digit(x.t[s + 2]) and digit(x.t[s + 3])

cdef const char** LINKING_WORDS = ["through", "to", "from", "into", "within", "among", "across", "around", "back",
                                  "the", "a", "an", NULL]


def linking_words():
    """The words of ``LINKING_WORDS``, in order: what ``holes._LINKING`` lists (a test holds them equal)."""
    return word_list(LINKING_WORDS)


cdef bint linking_word_after(Text* x, Py_ssize_t e) noexcept nogil:
    """Spaces and then one of ``LINKING_WORDS``, a whole word, at ``e``: "between and
    through", "from and to" are English, not a range with its numbers gone."""
    cdef Py_ssize_t u, w = 0
    if at(x, e) != 32:
        return False
    u = spaces(x, e)
    while LINKING_WORDS[w] != NULL:
        if word_lit(x, u, LINKING_WORDS[w]) >= 0:
            return True
        w += 1
    return False


cdef bint form_prefix(Text* x, Py_ssize_t dash) noexcept nogil:
    """``statistics._FORM_PREFIX`` before the dash at ``dash``: one to three capitals, no
    ASCII letter before them."""
    cdef Py_ssize_t k = dash - 1
    while k >= 0 and dash - k <= 3 and upper(x.t[k]):
        k -= 1
    if k == dash - 1:
        return False  # no capital
    return k < 0 or not alpha(x.t[k])  # a fourth capital is a letter too


cdef const char** WHOLLY = [" remote", " online", " virtual", " free", NULL]


cdef bint wholly(Text* x, Py_ssize_t e) noexcept nogil:
    """``statistics._WHOLLY`` matches at ``e``: `` remote``, `` online``, `` virtual`` or `` free``, a whole word."""
    cdef Py_ssize_t k, w = 0
    while WHOLLY[w] != NULL:
        k = lit_end(x, e, WHOLLY[w])
        if k >= 0 and not word(at(x, k)):
            return True
        w += 1
    return False


cdef int classify(Text* x, object text, Py_ssize_t s, int kind, Py_ssize_t end, bint mag, bint rng, bint sample,
                  Py_ssize_t* out_begin) except -2:
    """Where the statistic of a number starts and its kind; 0 when the number is not a statistic."""
    cdef ch before = x.t[s - 1] if s else 32
    cdef Py_ssize_t begin = s, k, lead, e, j
    cdef bint has_n
    if before == 47 or before == 35 or (before == 45 and s > 1 and Py_UNICODE_ISDIGIT(x.t[s - 2])):
        return 0
    if before == 45 and form_prefix(x, s - 1):
        return 0  # a form or a visa: W-2, H-1B, I-9, EB-5
    if currency(before) or (before == 32 and s > 1 and currency(x.t[s - 2])):
        begin = s - 1 if currency(before) else s - 2
        kind = MONEY
    elif kind == PERCENT:
        pass
    elif sample:
        has_n = False
        k = s - 4 if s > 4 else 0
        while k < s:
            if x.t[k] == 110:
                has_n = True
            k += 1
        k = s - 1
        while k >= 0 and x.t[k] != (110 if has_n else 78):
            k -= 1
        out_begin[0] = k
        return SAMPLE
    elif isalpha(before) or before == 61 or (before == 32 and x.t[s - 2 if s >= 2 else 0] == 61):
        k = s - 1
        lead = s - 4 if s > 4 else 0
        while k >= lead and x.t[k] != 110:
            k -= 1
        if k < lead:
            k = s - 1
            while k >= lead and x.t[k] != 78:
                k -= 1
        if k >= lead:
            e = 0
            for j in range(k + 1, s):
                if x.t[j] == 61:
                    e += 1
                elif x.t[j] != 32:
                    e = 2
                    break
            if e == 1 and (k == 0 or not isalnum(x.t[k - 1])):
                out_begin[0] = k
                return SAMPLE
        if isalpha(before):
            return 0
    if kind == CODE:
        kind = MONEY
    if mag and kind != MONEY and kind != PERCENT and kind != MULTIPLIER:
        kind = COUNT
    if kind == END:
        return 0
    if begin > 0 and (x.t[begin - 1] == 43 or x.t[begin - 1] == 45 or x.t[begin - 1] == 0x2212 or x.t[begin - 1] == 0xB1
                      or x.t[begin - 1] == 126 or x.t[begin - 1] == 0x2248) and (begin == 1 or not isalnum(x.t[begin - 2])):
        begin -= 1
    out_begin[0] = begin
    if kind == MONEY or kind == PERCENT or kind == MULTIPLIER:
        if kind != MULTIPLIER and lit(x, end, " off") and not word(at(x, end + 4)):
            return 0  # "20% off": a promotion
        if kind == PERCENT and end - s == 4 and lit(x, s, "100%") and wholly(x, end):
            return 0  # "100% remote": what a job is
        return kind
    if previous_word_in(x, begin, 16, True, &ID_INDEX, &k) or at(x, end) == 40:
        return 0
    # the number as written: [0-9][0-9,]*(?:\.[0-9]+)?, trailing commas dropped
    e = s + 1
    while e < x.n and (digit(x.t[e]) or x.t[e] == 44):
        e += 1
    if at(x, e) == 46 and digit(at(x, e + 1)):
        e = digits(x, e + 1)
    lead = e
    while lead > s and x.t[lead - 1] == 44:
        lead -= 1
    if lead - s > 1 and x.t[s] == 48 and x.t[s + 1] != 46:
        return 0
    if kind == SHARE:
        return SHARE
    if kind == COUNT or kind == PEOPLE:
        if mag and not_counted(x, text, end):
            return 0  # "2.3k shares"
        return COUNT
    if kind == TIME:
        if rng:
            return 0
        has_n = False
        for j in range(s, lead):
            if x.t[j] == 46:
                has_n = True
        if (has_n or previous_word_in(x, begin, 16, True, &DURATION_INDEX, &k) or duration_context(x, begin)
                or average_after(x, end)):
            return DURATION
        return 0
    if kind == WORD:
        if (is_year(x, s, lead) or (lead - s == 3 and 50 <= x.t[s] <= 57 and x.t[s + 1] == 49 and x.t[s + 2] == 49)
                or not_counted(x, text, end)):  # a year, a service number (911 Dispatcher), a unit
            return 0
        return COUNT
    return 0

cdef Py_ssize_t fraction_target(Text* x, Py_ssize_t p, Py_ssize_t words) noexcept nogil:
    """End of ``(?:[A-Za-z-]+ +){words}POPULATION\\b`` at ``p``, or -1."""
    cdef Py_ssize_t u = p, v
    while words > 0:
        v = u
        while v < x.n and (alpha(x.t[v]) or x.t[v] == 45):
            v += 1
        if v == u or at(x, v) != 32:
            return -1
        u = spaces(x, v)
        words -= 1
    return any_word(x, u, POPULATION)


cdef inline Py_ssize_t next_statistic(const ch* t, Py_ssize_t i, Py_ssize_t n, Cands* cd) noexcept nogil:
    """The next place a statistic can start, from ``i`` on: a digit, ``in `` or ``o`` of
    ``out ``/``of `` (``n`` if none). Only the page's trigger characters are looked at."""
    cdef ch c
    cdef Py_ssize_t j = next_candidate(cd, i)
    while j >= 0:
        c = t[j]
        if 48 <= c <= 57:
            return j
        if c == 105:
            if j + 2 < n and t[j + 1] == 110 and t[j + 2] == 32:
                return j
        elif c == 111:
            if j + 2 < n and ((t[j + 1] == 102 and t[j + 2] == 32) or (t[j + 1] == 117 and t[j + 2] == 116)):
                return j
        j = next_candidate(cd, j + 1)
    return n


cdef list find_statistics(Text* xp, str text, Cands* cd, bint texts):
    """Every statistic in ``text``, in order, as (start, end, kind, text); the text None
    unless ``texts`` (it is always ``text[start:end].rstrip()``).

    One pass: numbers start at digits, shares in words at ``in``, ``out of`` and ``of``;
    each of the four expressions keeps its own place, as four ``finditer`` runs would.
    """
    cdef Text x = xp[0]
    cdef Py_ssize_t n = x.n, i, s, e, m, after, rm = 0, r0 = 0, end = 0, begin = 0, ws = 0, p, u, k
    cdef Py_ssize_t next_number = 0, next_in = 0, next_out = 0, next_of = 0
    cdef int kind, cls, tries
    cdef bint cur, sample, has_range, used_range
    cdef list found = [], ins = [], outs = [], fractions = []
    cdef ch c, b
    cdef Py_ssize_t qs[3]
    if n == 0:
        return found
    i = -1
    while True:
        i = next_statistic(x.t, i + 1, n, cd)
        if i >= n:
            break
        c = x.t[i]
        if c == 105:  # in +(?:two|...|every)\b, after a number word
            if i >= next_in and at(&x, i + 1) == 110 and at(&x, i + 2) == 32:
                e = any_word(&x, spaces(&x, i + 2), WORDNUM)
                if e >= 0:
                    if previous_word_in(&x, i, 16, True, &NUMBER_INDEX, &ws):
                        ins.append((ws, e, "share", text[ws:e] if texts else None))
                    next_in = e
            continue
        if c == 111:
            if i >= next_out and lit(&x, i, "out") and at(&x, i + 3) == 32:  # out +of +(?:WORD|[0-9]+)\b
                p = spaces(&x, i + 3)
                if lit(&x, p, "of") and at(&x, p + 2) == 32:
                    p = spaces(&x, p + 2)
                    e = -1
                    k = 0
                    while WORDNUM[k] != NULL:
                        e = lit_end(&x, p, WORDNUM[k])
                        if e >= 0:
                            if boundary(&x, e):
                                break
                            e = -1
                        k += 1
                    if e < 0:
                        u = digits(&x, p)
                        if u > p and boundary(&x, u):
                            e = u
                    if e >= 0:
                        if previous_word_in(&x, i, 16, True, &NUMBER_INDEX, &ws):
                            outs.append((ws, e, "share", text[ws:e] if texts else None))
                        next_out = e
            if i >= next_of and at(&x, i + 1) == 102 and at(&x, i + 2) == 32:  # of +(?<=half of )...POPULATION
                p = i + 3
                # the fraction a word of its own: "on behalf of", "headquarters of" are none
                if ((p >= 8 and (lit(&x, p - 8, "half of ") or lit(&x, p - 8, "Half of ")) and not isalpha(at(&x, p - 9))) or
                        (p >= 9 and lit(&x, p - 9, "third of ") and not isalpha(at(&x, p - 10))) or
                        (p >= 10 and lit(&x, p - 10, "thirds of ") and not isalpha(at(&x, p - 11))) or
                        (p >= 11 and lit(&x, p - 11, "quarter of ") and not isalpha(at(&x, p - 12))) or
                        (p >= 12 and lit(&x, p - 12, "quarters of ") and not isalpha(at(&x, p - 13)))):
                    e = -1
                    if (lit(&x, p, "all") or lit(&x, p, "the")) and at(&x, p + 3) == 32:
                        u = spaces(&x, p + 3)
                        for k in range(2, -1, -1):
                            e = fraction_target(&x, u, k)
                            if e >= 0:
                                break
                    if e < 0:
                        for k in range(2, -1, -1):
                            e = fraction_target(&x, p, k)
                            if e >= 0:
                                break
                    if e >= 0:
                        begin = fraction_start(&x, i)
                        fractions.append((begin, e, "share", text[begin:e] if texts else None))
                        next_of = e
            continue
        # a digit
        if i < next_number:
            continue
        if i > 0:
            b = x.t[i - 1]
            if digit(b) or b == 46 or b == 44:
                continue
        s = i
        cur = (s >= 1 and currency(x.t[s - 1])) or (s >= 2 and x.t[s - 1] == 32 and currency(x.t[s - 2]))
        sample = sample_before(&x, s)
        e = number_end(&x, s)
        m = magnitude(&x, e)
        after = m if m >= 0 else e
        tries = 0
        has_range = range_at(&x, after, &rm, &r0)
        if has_range:
            qs[0] = rm + 1 if at(&x, rm) == 43 else rm
            tries = 1
            if rm != r0:
                qs[1] = r0 + 1 if at(&x, r0) == 43 else r0
                tries = 2
        qs[tries] = after + 1 if at(&x, after) == 43 else after
        tries += 1
        kind = 0
        used_range = False
        for k in range(tries):
            kind = tail(&x, qs[k], cur or m >= 0 or sample, &end)
            if kind:
                used_range = has_range and k < tries - 1
                break
        if not kind:
            continue
        cls = classify(&x, text, s, kind, end, m >= 0, used_range, sample, &begin)
        next_number = end  # the next search starts after the match, as finditer's does
        if cls:
            if cls == DURATION and at(&x, end) == 32:
                p = time_word(&x, spaces(&x, end))
                if p >= 0:
                    end = p
            found.append((begin, end, KINDS[cls], text[begin:end].rstrip() if texts else None))
    if ins or outs or fractions:
        found = found + ins + outs + fractions
        found.sort(key=_start)
    return found


def _start(item):
    return item[0]


cdef Py_ssize_t fraction_start(Text* x, Py_ssize_t i) noexcept nogil:
    """Where ``(?:\\b(?:[Aa]|[Oo]ne|[Tt]wo|[Tt]hree)[- ])?(?:[Hh]alf|thirds?|quarters?) $`` starts before ``i``."""
    cdef Py_ssize_t lo = i - 16 if i > 16 else 0, f
    cdef ch c
    # the fraction word ends right before the space before ``i``
    f = -1
    if i >= 5 and (lit(x, i - 5, "half ") or lit(x, i - 5, "Half ")):
        f = i - 5
    elif i >= 6 and lit(x, i - 6, "third "):
        f = i - 6
    elif i >= 7 and lit(x, i - 7, "thirds "):
        f = i - 7
    elif i >= 8 and lit(x, i - 8, "quarter "):
        f = i - 8
    elif i >= 9 and lit(x, i - 9, "quarters "):
        f = i - 9
    if f < lo:
        return i
    c = at(x, f - 1)
    if c == 32 or c == 45:
        if f - 2 >= lo and (at(x, f - 2) == 97 or at(x, f - 2) == 65) and not word(at(x, f - 3)):
            return f - 2
        if f - 4 >= lo and (lit(x, f - 4, "one") or lit(x, f - 4, "One") or lit(x, f - 4, "two") or lit(x, f - 4, "Two")) and not word(at(x, f - 5)):
            return f - 4
        if f - 6 >= lo and (lit(x, f - 6, "three") or lit(x, f - 6, "Three")) and not word(at(x, f - 7)):
            return f - 6
    return f


# template holes --------------------------------------------------------------------------
cdef tuple PATTERN_NAMES = ("empty-range", "missing-number", "dangling-range", "empty-value", "empty-value",
                            "empty-value", "empty-value", "placeholder", "placeholder", "placeholder", "placeholder",
                            "empty-list", "empty-list", "empty-list", "slug", "slug", "slug")
"""The name of each pattern, in the order of ``evidence.lint.holes.PATTERNS`` (which decides ties)."""
DEF PATTERNS = 17

cdef frozenset EXPECTS = frozenset((
    "above|below|over|under|by|of|to|at|from|than|about|around|roughly|nearly|approximately|almost|"
    "least|between|reaching|reached|exceeds?|exceeding|hit|hits|scored?|rose|fell|grew|surged|dropped|"
    "increased|decreased|only|just|median|average|mean|is|was|were|are|be|of|n").split("|"))
cdef const char** ACRONYMS = [  # holes.py's _ACRONYMS, sorted (a test holds them equal)
    "Ai", "Aml", "Api", "Aws", "Bi", "Cad", "Ceo", "Cfa", "Cfo", "Cnc", "Coo", "Cpa", "Crm", "Cto", "Devops", "Ehr",
    "Erp", "Esg", "Fp", "Gcp", "Gis", "Hr", "Hvac", "Iot", "Kyc", "Llm", "Lpn", "Ml", "Mlops", "Nft", "Nlp", "Ppc",
    "Pr", "Qa", "Rn", "Saas", "Seo", "Sql", "Ui", "Ux", "Vp", NULL]
cdef signed char ACRONYM_FIRST[128]
"""For each capital, the index in ACRONYMS of the first acronym starting with it, or -1."""
cdef const char** EMPTY_WORDS = ["NaN", "undefined", "null", "None", NULL]
cdef const char** UNITS = ["month", "year", "week", "day", "hour", "minute", NULL]


cdef inline bint unit_or_currency(ch c) noexcept nogil:
    return c == 36 or c == 0x20AC or c == 0xA3 or c == 37 or c == 107 or c == 75 or c == 77 or c == 66

cdef inline bint kmb(ch c) noexcept nogil:
    return c == 107 or c == 75 or c == 77 or c == 66

cdef inline bint pound_euro_dollar(ch c) noexcept nogil:
    return c == 36 or c == 0x20AC or c == 0xA3

cdef Py_ssize_t unit_end(Text* x, Py_ssize_t u, Py_ssize_t limit) noexcept nogil:
    """End of ``(?:months?|years?|weeks?|days?|hours?|minutes?|%|percent|k\\b|x\\b|pp\\b)`` at ``u``,
    the text seen as ending at ``limit``; -1 if none."""
    cdef Py_ssize_t k = 0, e
    cdef Text y
    y.t = x.t
    y.n = limit if limit < x.n else x.n
    while UNITS[k] != NULL:
        e = lit_end(&y, u, UNITS[k])
        if e >= 0:
            return e + 1 if at(&y, e) == 115 else e
        k += 1
    if at(&y, u) == 37:
        return u + 1
    if lit(&y, u, "percent"):
        return u + 7
    e = word_lit(&y, u, "k")
    if e < 0:
        e = word_lit(&y, u, "x")
    if e < 0:
        e = word_lit(&y, u, "pp")
    return e

cdef Py_ssize_t capitalised(Text* x, Py_ssize_t w) noexcept nogil:
    """End of ``[A-Z][a-z]+(?: +[A-Z][a-z]+)*`` at ``w``, or -1."""
    cdef Py_ssize_t e, u
    if not (upper(at(x, w)) and lower(at(x, w + 1))):
        return -1
    e = w + 2
    while lower(at(x, e)):
        e += 1
    while at(x, e) == 32:
        u = spaces(x, e)
        if not (upper(at(x, u)) and lower(at(x, u + 1))):
            break
        e = u + 2
        while lower(at(x, e)):
            e += 1
    return e

cdef Py_ssize_t word_start(Text* x, Py_ssize_t start, Py_ssize_t window) noexcept nogil:
    """Start of ``([A-Za-z]+) *$`` in the ``window`` characters before ``start``, or -1."""
    cdef Py_ssize_t lo = start - window if start > window else 0, j = start, e
    if j > lo and x.t[j - 1] == 10:
        j -= 1  # $ matches before a newline that ends the searched text
    while j > lo and x.t[j - 1] == 32:
        j -= 1
    e = j
    while j > lo and alpha(x.t[j - 1]):
        j -= 1
    return j if j < e else -1

cdef inline unsigned int starters(ch c, ch following) noexcept nogil:
    """The patterns that can match at a character (bit ``p`` for pattern ``p``)."""
    if lower(c):
        if c == 101:
            return 1 << 5
        if c == 114:
            return 1 << 6
        if c == 107:
            return 1 << 0
        if c == 110 or c == 117:
            return 1 << 10
        return 0
    if c == 32:
        return (1 << 13) if following == 44 else 0
    if upper(c):
        if c == 75 or c == 77 or c == 66:
            return (1 << 0) | (1 << 15)
        if c == 78:
            return (1 << 10) | (1 << 15)
        return 1 << 15
    if digit(c):
        return 1 << 14
    if c == 36 or c == 0x20AC or c == 0xA3:
        return (1 << 0) | (1 << 4) | (1 << 10)
    if c == 37:
        return (1 << 0) | (1 << 1) | (1 << 8)
    if c == 44:
        return (1 << 1) | (1 << 12)
    if c == 46 or c == 59 or c == 58:
        return 1 << 1
    if c == 45:
        return (1 << 2) | (1 << 16)
    if c == 0x2013:
        return 1 << 2
    if c == 61:
        return 1 << 3
    if c == 123:
        return 1 << 7
    if c == 91:
        return 1 << 9
    if c == 40:
        return 1 << 11
    return 0


cdef Py_ssize_t match_hole(Text* x, int p, Py_ssize_t i) noexcept nogil:
    """End of pattern ``p``'s regular expression matched at ``i``, or -1."""
    cdef ch c = x.t[i], d
    cdef Py_ssize_t j, u, v, e, k
    if p == 0:  # [$€£%kKMB](?:(?<=[$€£])[kKMB])?n? *[-–] *(?:[$€£][kKMB]?|[kKMB%])n?(?![A-Za-z0-9])
        if not unit_or_currency(c):
            return -1
        j = i + 1
        if pound_euro_dollar(c) and kmb(at(x, j)):
            j += 1
        if at(x, j) == 110:
            j += 1
        j = spaces(x, j)
        if not (at(x, j) == 45 or at(x, j) == 0x2013):
            return -1
        j = spaces(x, j + 1)
        d = at(x, j)
        if pound_euro_dollar(d):
            if kmb(at(x, j + 1)):
                if at(x, j + 2) == 110 and not ascii_alnum(at(x, j + 3)):
                    return j + 3
                if not ascii_alnum(at(x, j + 2)):
                    return j + 2
            if at(x, j + 1) == 110 and not ascii_alnum(at(x, j + 2)):
                return j + 2
            return j + 1 if not ascii_alnum(at(x, j + 1)) else -1
        if kmb(d) or d == 37:
            if at(x, j + 1) == 110 and not ascii_alnum(at(x, j + 2)):
                return j + 2
            return j + 1 if not ascii_alnum(at(x, j + 1)) else -1
        return -1
    elif p == 1:  # [.,;:%](?<= [.,;:%])(?=[ \t\n)]|$)
        if (c == 46 or c == 44 or c == 59 or c == 58 or c == 37) and at(x, i - 1) == 32:
            d = at(x, i + 1)
            if i + 1 == x.n or d == 32 or d == 9 or d == 10 or d == 41:
                return i + 1
        return -1
    elif p == 2:  # [-–](?= +UNIT)
        if (c == 45 or c == 0x2013) and at(x, i + 1) == 32 and unit_end(x, spaces(x, i + 1), x.n) >= 0:
            return i + 1
        return -1
    elif p == 3:  # =(?= *(?:[^0-9 ]|$))
        if c == 61:
            u = spaces(x, i + 1)
            if u == x.n or not digit(x.t[u]):
                return i + 1
        return -1
    elif p == 4:  # [$€£](?:[kKMB]n?)?(?=[ .,;:)\t\n]|$)(?! +[0-9])
        if not pound_euro_dollar(c):
            return -1
        for k in range(3):
            if k == 0:
                if not (kmb(at(x, i + 1)) and at(x, i + 2) == 110):
                    continue
                e = i + 3
            elif k == 1:
                if not kmb(at(x, i + 1)):
                    continue
                e = i + 2
            else:
                e = i + 1
            d = at(x, e)
            if not (e == x.n or d == 32 or d == 46 or d == 44 or d == 59 or d == 58 or d == 41 or d == 9 or d == 10):
                continue
            if d == 32 and digit(at(x, spaces(x, e))):
                continue
            return e
        return -1
    elif p == 5:  # etween +and\b(?! +(?:through|...)\b): "between and through" is English
        if c == 101 and lit(x, i, "etween") and at(x, i + 6) == 32:
            e = word_lit(x, spaces(x, i + 6), "and")
            return e if e >= 0 and not linking_word_after(x, e) else -1
        return -1
    elif p == 6:  # rom +(?:to|and(?! +(?:through|...)\b))\b
        if c == 114 and lit(x, i, "rom") and at(x, i + 3) == 32:
            u = spaces(x, i + 3)
            e = word_lit(x, u, "to")
            if e >= 0:
                return e
            e = word_lit(x, u, "and")
            return e if e >= 0 and not linking_word_after(x, e) else -1
        return -1
    elif p == 7:  # \{(?:\{[^{}\n]{0,40}\}\}|[A-Za-z_][A-Za-z0-9_.]{0,30}\})
        if c != 123:
            return -1
        if at(x, i + 1) == 123:
            j = i + 2
            while j < x.n and x.t[j] != 123 and x.t[j] != 125 and x.t[j] != 10:
                j += 1
            return j + 2 if j - (i + 2) <= 40 and at(x, j) == 125 and at(x, j + 1) == 125 else -1
        d = at(x, i + 1)
        if alpha(d) or d == 95:
            j = i + 2
            while j < x.n and (ascii_alnum(x.t[j]) or x.t[j] == 95 or x.t[j] == 46):
                j += 1
            return j + 1 if j - (i + 2) <= 30 and at(x, j) == 125 else -1
        return -1
    elif p == 8:  # %\([a-z_]+\)[sd]
        if c == 37 and at(x, i + 1) == 40:
            j = i + 2
            while j < x.n and (lower(x.t[j]) or x.t[j] == 95):
                j += 1
            if j > i + 2 and at(x, j) == 41 and (at(x, j + 1) == 115 or at(x, j + 1) == 100):
                return j + 2
        return -1
    elif p == 9:  # \[object Object\]
        return i + 15 if c == 91 and lit(x, i, "[object Object]") else -1
    elif p == 10:  # (?:NaN|undefined|null|None)(?= ?(?:%|[kKM]\b))|[$€£](?:NaN|undefined|null|None)\b
        k = 0
        while EMPTY_WORDS[k] != NULL:
            e = lit_end(x, i, EMPTY_WORDS[k])
            if e >= 0:
                u = e + 1 if at(x, e) == 32 else e
                while True:
                    d = at(x, u)
                    if d == 37 or ((d == 107 or d == 75 or d == 77) and boundary(x, u + 1)):
                        return e
                    if u == e:
                        return -1
                    u = e
            k += 1
        if pound_euro_dollar(c):
            return any_word(x, i + 1, EMPTY_WORDS)
        return -1
    elif p == 11:  # \( *[,;]? *\)
        if c != 40:
            return -1
        u = spaces(x, i + 1)
        if at(x, u) == 44 or at(x, u) == 59:
            u = spaces(x, u + 1)
        return u + 1 if at(x, u) == 41 else -1
    elif p == 12:  # , *,
        if c != 44:
            return -1
        u = spaces(x, i + 1)
        return u + 1 if at(x, u) == 44 else -1
    elif p == 13:  #  , (?=[a-z])
        return i + 3 if c == 32 and at(x, i + 1) == 44 and at(x, i + 2) == 32 and lower(at(x, i + 3)) else -1
    elif p == 14:  # [0-9](?<![0-9][0-9])[0-9]*(?: +[0-9]+ +|d +)[A-Z][a-z]+(?: +[A-Z][a-z]+)*
        if not digit(c) or digit(at(x, i - 1)):
            return -1
        j = digits(x, i + 1)
        if at(x, j) == 32:
            u = spaces(x, j)
            if digit(at(x, u)):
                v = digits(x, u)
                if at(x, v) == 32:
                    e = capitalised(x, spaces(x, v))
                    if e >= 0:
                        return e
        if at(x, j) == 100 and at(x, j + 1) == 32:
            return capitalised(x, spaces(x, j + 1))
        return -1
    elif p == 15:  # (?:Nft|Ml|...) +[A-Z][a-z]+(?: +[A-Z][a-z]+)*
        if not upper(c):
            return -1
        j = i + 1
        while j < x.n and alpha(x.t[j]):
            j += 1  # an acronym followed by spaces is the whole run of letters
        if at(x, j) != 32 or j - i > 6:
            return -1
        k = ACRONYM_FIRST[c]  # the acronyms are listed by first letter
        while k >= 0 and ACRONYMS[k] != NULL and <ch>(<unsigned char>ACRONYMS[k][0]) == c:
            if lit_end(x, i, ACRONYMS[k]) == j:
                return capitalised(x, spaces(x, j))
            k += 1
        return -1
    elif p == 16:  # -[a-z0-9]+-[a-z0-9]+
        if c != 45:
            return -1
        j = i + 1
        while j < x.n and (lower(x.t[j]) or digit(x.t[j])):
            j += 1
        if j == i + 1 or at(x, j) != 45:
            return -1
        u = j + 1
        while u < x.n and (lower(x.t[u]) or digit(x.t[u])):
            u += 1
        return u if u > j + 1 else -1
    return -1


cdef bint hole_span(Text* x, int p, Py_ssize_t i, Py_ssize_t e, Py_ssize_t* start, Py_ssize_t* end, object text):
    """The hole around a match of pattern ``p`` (its context checked), as ``holes._hole`` decides."""
    cdef ch before = x.t[i - 1] if i else 10
    cdef Py_ssize_t w, u, ts, te
    cdef bint has_digit
    cdef int dashes
    cdef bint has_letter
    start[0] = i
    end[0] = e
    if p == 0 or p == 4:
        return not (isalnum(before) or pound_euro_dollar(before))
    if p == 1:
        w = word_start(x, i, 24)
        if w < 0 or text[w:i].rstrip(" ").lower() not in EXPECTS:
            return False
        start[0] = w
        return True
    if p == 2:
        if not (before == 32 or before == 9 or before == 10 or before == 40 or i == 0):
            return False
        if at(x, e) != 32:
            return False
        u = unit_end(x, spaces(x, e), e + 16)
        if u < 0 or spaces(x, e) >= e + 16:
            return False
        end[0] = u
        return True
    if p == 3:
        w = word_start(x, i, 8)
        if w < 0 or text[w:i].rstrip(" ") not in ("n", "N"):
            return False
        start[0] = w
        return True
    if p == 5 or p == 6:
        if (before == 98 or before == 66) if p == 5 else (before == 102 or before == 70):
            if i < 2 or not isalnum(x.t[i - 2]):
                start[0] = i - 1
                return True
        return False
    if p == 11:
        return not (isalnum(before) or before == 95)
    if p == 14 or p == 15:
        return not isalnum(before)
    if p == 16:
        ts = i - 1
        while ts >= 0 and x.t[ts] != 32:
            ts -= 1
        ts += 1
        te = ts
        dashes = 0
        has_digit = False
        has_letter = False
        while te < x.n and (lower(x.t[te]) or digit(x.t[te]) or x.t[te] == 45):
            if x.t[te] == 45:
                dashes += 1
            elif digit(x.t[te]):
                has_digit = True
            else:
                has_letter = True
            te += 1
        if te == ts or dashes < 2 or not has_digit or not has_letter:  # 9-1-1 is a number, not a slug
            return False
        if te < x.n and isalpha(x.t[te]):
            return False
        start[0] = ts
        end[0] = te
        return True
    return True


cdef inline unsigned int worth_trying(Text* x, Py_ssize_t i, ch c, unsigned int mask) noexcept nogil:
    """``mask`` without the patterns that cannot match at ``i`` (each test is something the
    pattern requires; ``etween``/``rom`` also drop matches that could never be holes)."""
    cdef ch before = at(x, i - 1), after = at(x, i + 1)
    cdef Py_ssize_t j
    if c == 32:
        return (1 << 13) if after == 44 else 0
    if c == 101:
        return mask if before == 98 or before == 66 else 0
    if c == 114:
        return mask if before == 102 or before == 70 else 0
    if c == 110:
        return mask if after == 117 else 0
    if c == 117:
        return mask if after == 110 else 0
    if mask & 1:  # a unit, then a dash: k-k, $k-$k
        j = i + 1
        if c == 36 and kmb(at(x, j)):
            j += 1
        if at(x, j) == 110:
            j += 1
        j = spaces(x, j)
        if not (at(x, j) == 45 or at(x, j) == 0x2013):
            mask &= ~1u
    if mask & (1 << 15):
        if not (lower(after) and ACRONYM_INITIALS[c]):
            mask &= ~(1u << 15)
    if c == 78 and not (after == 97 or after == 111):
        mask &= ~(1u << 10)
    if mask & 2 and before != 32:
        mask &= ~2u
    if c == 44 and after != 44 and after != 32:
        mask &= ~(1u << 12)
    if c == 45:
        if after != 32:
            mask &= ~4u
        if not (lower(after) or digit(after)):
            mask &= ~(1u << 16)
    if c == 37 and after != 40:
        mask &= ~(1u << 8)
    return mask


cdef unsigned char ACRONYM_INITIALS[128]
cdef unsigned int ACRONYM_SECOND[128]
"""For each capital, the letters an acronym starting with it has second (bit ``c - 97``)."""
cdef unsigned int HOLE_MASK[128]
cdef unsigned char HOLE_TRIGGER[128]
cdef unsigned char HOLE_CHECK[128]
"""The common trigger characters :func:`hole_possible` looks around before a place is kept."""
"""Characters that lead to a candidate: the first characters of the patterns, except the
common letters e, r, n and u, which are found from a rarer neighbour (b-etween, f-rom,
n-u-ll, u-ndefined); a space only before a comma."""
for _c in range(128):
    ACRONYM_FIRST[_c] = -1
    ACRONYM_INITIALS[_c] = 0
_k = 0
while ACRONYMS[_k] != NULL:
    ACRONYM_INITIALS[<unsigned char>ACRONYMS[_k][0]] = 1
    ACRONYM_SECOND[<unsigned char>ACRONYMS[_k][0]] |= 1u << (<unsigned char>ACRONYMS[_k][1] - 97)
    if ACRONYM_FIRST[<unsigned char>ACRONYMS[_k][0]] < 0:
        ACRONYM_FIRST[<unsigned char>ACRONYMS[_k][0]] = _k
    _k += 1
for _c in range(128):
    HOLE_MASK[_c] = starters(<ch>_c, 0)
    if not ACRONYM_INITIALS[_c]:  # a slug starts with one of the acronyms (T, W, O... start none)
        HOLE_MASK[_c] &= ~(1u << 15)
HOLE_MASK[32] = 1 << 13
for _c in range(128):
    HOLE_TRIGGER[_c] = 1 if HOLE_MASK[_c] and _c not in (101, 114, 110, 117) else 0
for _c in (98, 102, 117):
    HOLE_TRIGGER[_c] = 1
for _c in range(128):
    HOLE_CHECK[_c] = 0
    if HOLE_TRIGGER[_c]:
        if 48 <= _c <= 57:
            HOLE_CHECK[_c] = 1
        elif 65 <= _c <= 90:
            HOLE_CHECK[_c] = 2
        else:
            HOLE_CHECK[_c] = {44: 3, 45: 4, 107: 5, 37: 6, 40: 7, 98: 8, 102: 9, 117: 10}.get(_c, 0)


cdef inline bint raw_lit(const ch* p, const char* s) noexcept nogil:
    """The ASCII literal ``s`` stands at ``p`` (a NUL-ended text: its NUL matches nothing)."""
    cdef Py_ssize_t k = 0
    while s[k] != 0:
        if p[k] != <ch>(<unsigned char>s[k]):
            return False
        k += 1
    return True


cdef inline bint unit_dash(const ch* p) noexcept nogil:
    """``n? *[-–]`` at ``p``: what pattern 0 (empty-range) asks after its unit."""
    if p[0] == 110:
        p += 1
    while p[0] == 32:
        p += 1
    return p[0] == 45 or p[0] == 0x2013


cdef inline bint hole_possible(const ch* t, Py_ssize_t i, unsigned char check) noexcept nogil:
    """False where no template-hole pattern can match at the trigger place ``i``, nor at the
    place :func:`next_hole` gives for it, ``t[i]`` being one of the common characters that
    :data:`HOLE_CHECK` gives a ``check`` for: the first thing each of the character's
    patterns asks of its neighbours, looked at before the place is kept. Most places of
    these characters ask nothing of the patterns (a capital starting a word that is no
    acronym, a number followed by a word, a comma). ``t`` ends with a NUL, which no test
    here takes for anything: it is read as the end of the text."""
    cdef ch c = t[i], d = t[i + 1], b = t[i - 1] if i > 0 else 0
    cdef const ch* p = t + i + 1
    if check == 1:  # 14, slug: [0-9]+ then ' +[0-9]' or 'd '
        while 48 <= p[0] <= 57:
            p += 1
        if p[0] == 32:
            while p[0] == 32:
                p += 1
            return 48 <= p[0] <= 57
        if p[0] == 100 and p[1] == 32:
            return True
        return False
    elif check == 2:  # 15, an acronym (its second letter); 0 for K M B; 10 NaN None; B-etween, F-rom
        if 97 <= d <= 122 and (ACRONYM_SECOND[c] >> (<unsigned int>d - 97)) & 1:
            return True
        if c == 75 or c == 77 or c == 66:
            return unit_dash(p) or (c == 66 and raw_lit(p, "etween"))
        if c == 78:
            return raw_lit(p, "aN") or raw_lit(p, "one")
        return c == 70 and raw_lit(p, "rom")
    elif check == 3:  # 1 after a space, 12 , *,
        if b == 32:
            return True
        while p[0] == 32:
            p += 1
        return p[0] == 44
    elif check == 4:  # 2 before a space, 16 -[a-z0-9]+-[a-z0-9]
        if d == 32:
            return True
        while 97 <= p[0] <= 122 or 48 <= p[0] <= 57:
            p += 1
        if p == t + i + 1 or p[0] != 45:
            return False
        return 97 <= p[1] <= 122 or 48 <= p[1] <= 57
    elif check == 5:  # 0
        return unit_dash(p)
    elif check == 6:  # 0, 1 after a space, 8 %(
        return unit_dash(p) or b == 32 or d == 40
    elif check == 7:  # 11 \( *[,;]? *\)
        while p[0] == 32:
            p += 1
        if p[0] == 44 or p[0] == 59:
            p += 1
            while p[0] == 32:
                p += 1
        return p[0] == 41
    elif check == 8:  # b-etween (5 at the e)
        return raw_lit(p, "etween")
    elif check == 9:  # f-rom (6 at the r)
        return raw_lit(p, "rom")
    elif check == 10:  # 10 undefined, n-u-ll
        return raw_lit(p, "ndefined") or (b == 110 and raw_lit(p, "ll"))
    return True


def acronyms():
    """The acronyms the slug pattern knows, as the compiled scanner lists them."""
    return word_list(ACRONYMS)


cdef inline Py_ssize_t next_hole(const ch* t, Py_ssize_t i, Py_ssize_t n, Py_ssize_t* resume,
                                  Py_ssize_t* pending, Cands* cd) noexcept nogil:
    """The next place some template-hole pattern can match, from ``i`` on (``n`` if none);
    ``resume`` is where the search goes on after it, ``pending`` a place to give next.
    Only the page's trigger characters are looked at."""
    cdef ch c
    if pending[0] >= 0:
        i = pending[0]
        pending[0] = -1
        return i
    while True:
        i = next_candidate(cd, i)
        if i < 0:
            break
        c = t[i]
        if c < 128:
            if c == 98:  # b-etween
                if i + 1 < n and t[i + 1] == 101:
                    resume[0] = i + 2
                    return i + 1
            elif c == 102:  # f-rom
                if i + 1 < n and t[i + 1] == 114:
                    resume[0] = i + 2
                    return i + 1
            elif c == 117:  # n-u-ll, u-ndefined
                if i + 1 < n and t[i + 1] == 110:
                    resume[0] = i + 1
                    return i
                if i > 0 and t[i - 1] == 110 and i + 1 < n and t[i + 1] == 108:
                    resume[0] = i + 1
                    return i - 1
            elif c == 32:  # " , "
                if i + 1 < n and t[i + 1] == 44:
                    resume[0] = i + 1
                    return i
            else:
                if (c == 66 and i + 1 < n and t[i + 1] == 101) or (c == 70 and i + 1 < n and t[i + 1] == 114):
                    pending[0] = i + 1  # B-etween, F-rom: this capital, then the next letter
                    resume[0] = i + 2
                    return i
                resume[0] = i + 1
                return i
        else:
            resume[0] = i + 1
            return i
    resume[0] = n
    return n


cdef list find_holes(Text* xp, str text, Cands* cd):
    """Every template hole in ``text``, in order, one per place, as (start, end, pattern, text)."""
    cdef Text x = xp[0]
    cdef Py_ssize_t n = x.n, i, e, start = 0, end = 0, last_end, resume, pending
    cdef Py_ssize_t cursor[PATTERNS]
    cdef int p
    cdef unsigned int mask
    cdef dict found = {}
    cdef list kept = []
    cdef ch c
    if n == 0:
        return kept
    for p in range(PATTERNS):
        cursor[p] = 0
    resume = 0
    pending = -1
    while True:
        i = next_hole(x.t, resume, n, &resume, &pending, cd)
        if i >= n:
            break
        c = x.t[i]
        if c < 128:
            mask = worth_trying(&x, i, c, HOLE_MASK[c])
        else:
            mask = starters(c, 0)
        if not mask:
            continue
        while mask:
            p = ctz(mask)
            mask &= mask - 1
            if i >= cursor[p]:
                e = match_hole(&x, p, i)
                if e >= 0:
                    cursor[p] = e  # finditer goes on after the match, whatever its context says
                    if hole_span(&x, p, i, e, &start, &end, text):
                        previous = found.get(start)
                        if previous is None or previous[0] > p:
                            found[start] = (p, end)
    last_end = -1
    for start in sorted(found):
        p, end = found[start]
        if start >= last_end:
            kept.append((start, end, PATTERN_NAMES[p], text[start:end]))
            last_end = end
    return kept


# page text -------------------------------------------------------------------------------
cdef inline bint white(ch c) noexcept nogil:
    return (c == 10 or c == 9 or c == 13 or c == 12 or c == 11 or c == 0xA0 or c == 0x1680 or 0x2000 <= c <= 0x200A
            or c == 0x2028 or c == 0x2029 or c == 0x202F or c == 0x205F or c == 0x3000 or c == 0x1C)


def page_text(str raw):
    """The page text of joined extractor output: ``\\x1e`` starts a block (shown as
    ``\\n``), ``\\x1f`` is a hard break (``\\t``), every other white-space character becomes
    a space; one character for one (what ``evidence.lint.page.page_text`` defines)."""
    cdef Py_ssize_t n = len(raw), i
    cdef Py_UCS4* t
    cdef ch c
    if n == 0:
        return ""
    t = PyUnicode_AsUCS4Copy(raw)
    try:
        for i in range(n):
            c = t[i]
            if c == 0x1E:
                t[i] = 10
            elif c == 0x1F:
                t[i] = 9
            elif c == 0x1D or white(c):
                t[i] = 32
        return PyUnicode_FromKindAndData(4, t, n)
    finally:
        PyMem_Free(t)


# HTML -------------------------------------------------------------------------------------
DEF F_BLOCK = 1
DEF F_BREAK = 2
DEF F_HIDDEN = 4
DEF F_RAW = 8
DEF F_VOID = 16
DEF F_LINK = 32
DEF F_SUP = 64
DEF F_CODE = 128  # hidden, its place marked with an ellipsis: inline code is not prose, but stood there

cdef struct Tag:
    const char* name
    int flags
    int kind

cdef tuple BLOCK_KIND_NAMES = ("paragraph", "item", "row", "caption", "heading")
"""The block kinds :func:`html_page` reports, by number."""

cdef Tag[96] TAGS = [
    ["li", F_BLOCK, 1], ["dt", F_BLOCK, 1], ["dd", F_BLOCK, 1], ["tr", F_BLOCK, 2], ["caption", F_BLOCK, 3],
    ["figcaption", F_BLOCK, 3], ["h1", F_BLOCK, 4], ["h2", F_BLOCK, 4], ["h3", F_BLOCK, 4], ["h4", F_BLOCK, 4],
    ["h5", F_BLOCK, 4], ["h6", F_BLOCK, 4],
    ["address", F_BLOCK, 0], ["article", F_BLOCK, 0], ["aside", F_BLOCK, 0], ["blockquote", F_BLOCK, 0],
    ["body", F_BLOCK, 0], ["center", F_BLOCK, 0], ["details", F_BLOCK, 0], ["dialog", F_BLOCK, 0],
    ["div", F_BLOCK, 0], ["dl", F_BLOCK, 0], ["fieldset", F_BLOCK, 0], ["figure", F_BLOCK, 0],
    ["footer", F_BLOCK, 0], ["form", F_BLOCK, 0], ["header", F_BLOCK, 0], ["hgroup", F_BLOCK, 0],
    ["hr", F_BLOCK | F_VOID, 0], ["legend", F_BLOCK, 0], ["main", F_BLOCK, 0], ["menu", F_BLOCK, 0],
    ["nav", F_BLOCK, 0], ["ol", F_BLOCK, 0], ["p", F_BLOCK, 0], ["section", F_BLOCK, 0], ["summary", F_BLOCK, 0],
    ["table", F_BLOCK, 0], ["tbody", F_BLOCK, 0], ["thead", F_BLOCK, 0], ["tfoot", F_BLOCK, 0], ["ul", F_BLOCK, 0],
    ["td", F_BREAK, 0], ["th", F_BREAK, 0], ["br", F_BREAK | F_VOID, 0],
    ["script", F_HIDDEN | F_RAW, 0], ["style", F_HIDDEN | F_RAW, 0], ["template", F_HIDDEN, 0],
    ["noscript", F_HIDDEN, 0], ["pre", F_HIDDEN, 0], ["svg", F_HIDDEN, 0], ["math", F_HIDDEN, 0],
    ["iframe", F_HIDDEN | F_RAW, 0], ["object", F_HIDDEN, 0], ["canvas", F_HIDDEN, 0], ["textarea", F_HIDDEN, 0],
    ["select", F_HIDDEN, 0], ["code", F_HIDDEN | F_CODE, 0], ["kbd", F_HIDDEN | F_CODE, 0],
    ["samp", F_HIDDEN | F_CODE, 0],
    ["xmp", F_RAW, 0], ["noembed", F_RAW, 0], ["noframes", F_RAW, 0], ["plaintext", F_RAW, 0],
    ["area", F_VOID, 0], ["base", F_VOID, 0], ["col", F_VOID, 0], ["embed", F_VOID, 0], ["img", F_VOID, 0],
    ["input", F_VOID, 0], ["link", F_VOID, 0], ["meta", F_VOID, 0], ["source", F_VOID, 0], ["track", F_VOID, 0],
    ["wbr", F_VOID, 0], ["param", F_VOID, 0], ["keygen", F_VOID, 0], ["frame", F_VOID, 0], ["basefont", F_VOID, 0],
    ["bgsound", F_VOID, 0],
    ["a", F_LINK, 0], ["sup", F_SUP, 0],
    [NULL, 0, 0], [NULL, 0, 0], [NULL, 0, 0], [NULL, 0, 0], [NULL, 0, 0], [NULL, 0, 0], [NULL, 0, 0], [NULL, 0, 0],
    [NULL, 0, 0], [NULL, 0, 0], [NULL, 0, 0], [NULL, 0, 0], [NULL, 0, 0], [NULL, 0, 0]]


cdef signed char TAG_BUCKETS[128][12]
"""For each first letter, the indexes in TAGS of the names starting with it (-1 ends the list)."""


cdef void index_tags() noexcept:
    cdef int c, k = 0, m
    for c in range(128):
        for m in range(12):
            TAG_BUCKETS[c][m] = -1
    while TAGS[k].name != NULL:
        c = <unsigned char>TAGS[k].name[0]
        m = 0
        while TAG_BUCKETS[c][m] >= 0:
            m += 1
        TAG_BUCKETS[c][m] = k
        k += 1


index_tags()


cdef int tag_of(const ch* t, Py_ssize_t start, Py_ssize_t end) noexcept nogil:
    """The index in TAGS of the tag name ``t[start:end]``, or -1."""
    cdef int b = 0, k
    cdef Py_ssize_t m, L = end - start
    cdef const char* name
    if L <= 0 or t[start] >= 128:
        return -1
    while b < 12:
        k = TAG_BUCKETS[t[start]][b]
        if k < 0:
            return -1
        name = TAGS[k].name
        m = 1
        while m < L and name[m] != 0 and <ch>(<unsigned char>name[m]) == t[start + m]:
            m += 1
        if m == L and name[m] == 0:
            return k
        b += 1
    return -1


cdef inline bint tag_space(ch c) noexcept nogil:
    return c == 32 or c == 9 or c == 10 or c == 12 or c == 13


cdef Py_ssize_t entity(const ch* t, Py_ssize_t n, Py_ssize_t i, ch* out) noexcept nogil:
    """Decode the entity at ``t[i] == '&'`` as lexbor's serialiser writes them; -1 if unknown."""
    if i + 4 < n and t[i + 1] == 97 and t[i + 2] == 109 and t[i + 3] == 112 and t[i + 4] == 59:
        out[0] = 38
        return i + 5
    if i + 3 < n and t[i + 1] == 108 and t[i + 2] == 116 and t[i + 3] == 59:
        out[0] = 60
        return i + 4
    if i + 3 < n and t[i + 1] == 103 and t[i + 2] == 116 and t[i + 3] == 59:
        out[0] = 62
        return i + 4
    if i + 5 < n and t[i + 1] == 110 and t[i + 2] == 98 and t[i + 3] == 115 and t[i + 4] == 112 and t[i + 5] == 59:
        out[0] = 0xA0
        return i + 6
    if i + 5 < n and t[i + 1] == 113 and t[i + 2] == 117 and t[i + 3] == 111 and t[i + 4] == 116 and t[i + 5] == 59:
        out[0] = 34
        return i + 6
    return -1


cdef inline ch shown(ch c) noexcept nogil:
    """A character of a text node as the page text shows it (see :func:`page_text`)."""
    if c == 0x1E:
        return 10
    if c == 0x1F:
        return 9
    if c == 0x1D or white(c):
        return 32
    return c


cdef bint marker_text(const ch* s, Py_ssize_t n) noexcept nogil:
    """``\\[?(\\d{1,3}(?:\\s*[,–-]\\s*\\d{1,3})*)\\]?`` over all of ``s`` (already stripped)."""
    cdef Py_ssize_t i = 0, d, m
    if i < n and s[i] == 91:
        i += 1
    d = i
    while i < n and Py_UNICODE_ISDECIMAL(s[i]):
        i += 1
    if not (1 <= i - d <= 3):
        return False
    while True:
        d = i
        while d < n and Py_UNICODE_ISSPACE(s[d]):
            d += 1
        if d < n and (s[d] == 44 or s[d] == 0x2013 or s[d] == 45):
            d += 1
            while d < n and Py_UNICODE_ISSPACE(s[d]):
                d += 1
            m = d
            while d < n and Py_UNICODE_ISDECIMAL(s[d]):
                d += 1
            if 1 <= d - m <= 3:
                i = d
                continue
        break
    if i < n and s[i] == 93:
        i += 1
    return i == n


cdef int sup_is_marker(const ch* t, Py_ssize_t n, Py_ssize_t i) noexcept nogil:
    """Whether the ``<sup>`` whose content starts at ``i`` holds only a footnote number: 1, 0, or
    -1 when its content is not plain enough to tell here (hidden parts, comments)."""
    cdef ch buf[64]
    cdef Py_ssize_t o = 0, depth = 1, j, a, b
    cdef int k
    cdef ch c
    while i < n:
        c = t[i]
        if c == 60:
            if i + 1 < n and t[i + 1] == 47:
                j = i + 2
                while j < n and t[j] != 62:
                    j += 1
                depth -= 1
                if depth == 0:
                    break
                i = j + 1
                continue
            if i + 1 < n and (t[i + 1] == 33 or t[i + 1] == 63):
                return -1
            j = i + 1
            while j < n and not tag_space(t[j]) and t[j] != 62 and t[j] != 47:
                j += 1
            k = tag_of(t, i + 1, j)
            if k >= 0 and TAGS[k].flags & (F_HIDDEN | F_RAW):
                return -1
            while j < n and t[j] != 62:
                if t[j] == 104 and j + 6 <= n and t[j + 1] == 105 and t[j + 2] == 100:  # "hid..." attribute
                    return -1
                if t[j] == 115 and j + 5 <= n and t[j + 1] == 116 and t[j + 2] == 121:  # "sty..." attribute
                    return -1
                j += 1
            if not (k >= 0 and TAGS[k].flags & F_VOID):
                depth += 1
            i = j + 1
            continue
        if c == 38:
            j = entity(t, n, i, &c)
            if j < 0:
                return -1
            i = j
        else:
            i += 1
        if o >= 63:
            return -1
        buf[o] = c
        o += 1
    a, b = 0, o
    while a < b and Py_UNICODE_ISSPACE(buf[a]):
        a += 1
    while b > a and Py_UNICODE_ISSPACE(buf[b - 1]):
        b -= 1
    return 1 if marker_text(buf + a, b - a) else 0


def html_page(str html):
    """Read lexbor's serialisation of ``<body>`` (``body.html``) as the page text.

    Returns (text, block starts, block kinds, block containers, links): a container is the
    id of the element holding the block's element; links are (href, offset, block). What a reader does not see is skipped, footnote superscripts read as
    ``[n]``: the same page as :func:`evidence.lint.htmlpage._walk` builds from the tree.
    None when the serialisation holds something this reader does not expect (an entity
    other than those lexbor writes, unbalanced tags, a superscript it cannot judge).
    """
    cdef Py_ssize_t n = len(html), i = 0, j, a, vs, ve, o = 0, depth = 0, skip = 0, q
    cdef Py_UCS4* t
    cdef Py_UCS4* out
    cdef int* stack_ids
    cdef int* stack_flags
    cdef int k, flags, ids = 0, sup, container
    cdef ch c
    cdef bint closing, hidden, has_href
    cdef list blocks = [], kinds = [], containers = [], links = []
    if n == 0:
        return None
    t = PyUnicode_AsUCS4Copy(html)
    out = <Py_UCS4*>PyMem_Malloc((2 * n + 16) * sizeof(Py_UCS4))
    stack_ids = <int*>PyMem_Malloc((n // 2 + 16) * sizeof(int))
    stack_flags = <int*>PyMem_Malloc((n // 2 + 16) * sizeof(int))
    if out == NULL or stack_ids == NULL or stack_flags == NULL:
        PyMem_Free(t)
        PyMem_Free(out)
        PyMem_Free(stack_ids)
        PyMem_Free(stack_flags)
        raise MemoryError()
    try:
        while i < n:
            c = t[i]
            if c != 60:  # text
                if skip:
                    i += 1
                    while i < n and t[i] != 60:
                        i += 1
                    continue
                if 32 <= c < 127 and c != 38:  # a run of plain characters
                    out[o] = c
                    o += 1
                    i += 1
                    while i < n:
                        c = t[i]
                        if c < 32 or c >= 127 or c == 60 or c == 38:
                            break
                        out[o] = c
                        o += 1
                        i += 1
                    continue
                if c == 38:
                    j = entity(t, n, i, &c)
                    if j < 0:
                        return None
                    i = j
                else:
                    i += 1
                out[o] = shown(c)
                o += 1
                continue
            if i + 3 < n and t[i + 1] == 33 and t[i + 2] == 45 and t[i + 3] == 45:  # <!-- comment -->
                j = i + 4
                while j + 2 < n and not (t[j] == 45 and t[j + 1] == 45 and t[j + 2] == 62):
                    j += 1
                i = j + 3
                continue
            if i + 1 < n and (t[i + 1] == 33 or t[i + 1] == 63):  # <!doctype>, <?pi>
                while i < n and t[i] != 62:
                    i += 1
                i += 1
                continue
            closing = i + 1 < n and t[i + 1] == 47
            a = i + 2 if closing else i + 1
            j = a
            while j < n and not tag_space(t[j]) and t[j] != 62 and t[j] != 47:
                j += 1
            k = tag_of(t, a, j)
            flags = TAGS[k].flags if k >= 0 else 0
            if closing:
                while j < n and t[j] != 62:
                    j += 1
                i = j + 1
                if depth == 0:
                    return None
                depth -= 1
                if skip:
                    skip -= 1
                elif stack_flags[depth] & F_SUP:
                    out[o] = 93
                    o += 1
                continue
            # a start tag: its attributes
            hidden = False
            has_href = False
            vs = ve = 0
            while j < n and t[j] != 62:
                if tag_space(t[j]) or t[j] == 47:
                    j += 1
                    continue
                a = j
                while j < n and not tag_space(t[j]) and t[j] != 61 and t[j] != 62:
                    j += 1
                if j - a == 6 and t[a] == 104 and t[a + 1] == 105 and t[a + 2] == 100 and t[a + 3] == 100 and t[a + 4] == 101 and t[a + 5] == 110:
                    hidden = True
                q = 0
                if j < n and t[j] == 61:
                    j += 1
                    if j < n and t[j] == 34:
                        j += 1
                        q = j
                        while j < n and t[j] != 34:
                            j += 1
                        if j - a > 0 and t[a] == 115 and (q - a) == 7 and t[a + 1] == 116 and t[a + 2] == 121 and t[a + 3] == 108 and t[a + 4] == 101:
                            # style="...": display:none or display: none anywhere in it
                            if display_none(t, q, j):
                                hidden = True
                        if flags & F_LINK and j - a > 0 and (q - a) == 6 and t[a] == 104 and t[a + 1] == 114 and t[a + 2] == 101 and t[a + 3] == 102:
                            has_href = j > q
                            vs, ve = q, j
                        j += 1
                    else:
                        return None
            i = j + 1
            if skip:
                if not flags & F_VOID:
                    if flags & F_RAW:
                        i = raw_end(t, n, i, k)
                    depth += 1
                    skip += 1
                continue
            if hidden or flags & F_HIDDEN:
                if flags & F_CODE and not hidden:
                    out[o] = 0x2026  # inline code: an ellipsis where it stood (see htmlpage.CODE_MARK)
                    o += 1
                if depth == 0 and o == 0:  # a hidden <body>: the walk reads its block, empty
                    out[o] = 10
                    o += 1
                    blocks.append(o)
                    kinds.append(BLOCK_KIND_NAMES[0])
                    containers.append(0)
                if not flags & F_VOID:
                    if flags & F_RAW:
                        i = raw_end(t, n, i, k)
                    stack_flags[depth] = 0
                    depth += 1
                    skip = 1
                continue
            container = stack_ids[depth - 1] if depth else 0
            sup = 0
            if flags & F_SUP:
                sup = sup_is_marker(t, n, i)
                if sup < 0:
                    return None
            if flags & F_BLOCK:
                out[o] = 10
                o += 1
                blocks.append(o)
                kinds.append(BLOCK_KIND_NAMES[TAGS[k].kind])
                containers.append(container)
            elif flags & F_BREAK:
                out[o] = 9
                o += 1
            elif has_href:
                links.append((unescape(t, vs, ve), o, len(blocks) - 1))
            if flags & F_VOID:
                continue
            if sup:
                out[o] = 32
                out[o + 1] = 91
                o += 2
                stack_ids[depth] = container  # unwrapped: its children belong to its parent
                stack_flags[depth] = F_SUP
            else:
                ids += 1
                stack_ids[depth] = ids
                stack_flags[depth] = 0
            depth += 1
            if flags & F_RAW:  # xmp, noembed, noframes, plaintext: their text as written
                j = raw_end(t, n, i, k)
                while i < j:
                    out[o] = shown(t[i])
                    o += 1
                    i += 1
        if depth != 0:
            return None
        text = PyUnicode_FromKindAndData(4, out, o)
    finally:
        PyMem_Free(t)
        PyMem_Free(out)
        PyMem_Free(stack_ids)
        PyMem_Free(stack_flags)
    return text, blocks, kinds, containers, links


cdef bint display_none(const ch* t, Py_ssize_t start, Py_ssize_t end) noexcept nogil:
    """``display:none`` or ``display: none`` in ``t[start:end]`` (CSS ``[style*='display:none']``)."""
    cdef Py_ssize_t i, k
    cdef const char* word = "display:"
    for i in range(start, end - 11):
        if t[i] != 100:
            continue
        k = 0
        while k < 8 and t[i + k] == <ch>(<unsigned char>word[k]):
            k += 1
        if k < 8:
            continue
        k = i + 8
        if t[k] == 32:
            k += 1
        if k + 4 <= end and t[k] == 110 and t[k + 1] == 111 and t[k + 2] == 110 and t[k + 3] == 101:
            return True
    return False


cdef Py_ssize_t raw_end(const ch* t, Py_ssize_t n, Py_ssize_t i, int k) noexcept nogil:
    """Where the raw text of element ``TAGS[k]`` starting at ``i`` ends: at its ``</name``."""
    cdef const char* name = TAGS[k].name
    cdef Py_ssize_t m
    while i + 1 < n:
        if t[i] == 60 and t[i + 1] == 47:
            m = 0
            while name[m] != 0 and i + 2 + m < n and t[i + 2 + m] == <ch>(<unsigned char>name[m]):
                m += 1
            if name[m] == 0 and i + 2 + m < n and (t[i + 2 + m] == 62 or tag_space(t[i + 2 + m])):
                return i
        i += 1
    return n


cdef str unescape(const ch* t, Py_ssize_t start, Py_ssize_t end):
    """An attribute value as lexbor serialised it, entities decoded."""
    cdef Py_UCS4* buf = <Py_UCS4*>PyMem_Malloc((end - start + 1) * sizeof(Py_UCS4))
    cdef Py_ssize_t i = start, o = 0, j
    cdef ch c
    try:
        while i < end:
            c = t[i]
            if c == 38:
                j = entity(t, end, i, &c)
                if j < 0:
                    j = i + 1
                    c = 38
                i = j
            else:
                i += 1
            buf[o] = c
            o += 1
        return PyUnicode_FromKindAndData(4, buf, o)
    finally:
        PyMem_Free(buf)


# lexbor's tree, read in place -------------------------------------------------------------
# selectolax keeps each document as lexbor's C structures and gives a node's address as
# ``node.mem_id``. These are lexbor's own layouts (lexbor/dom/interfaces/node.h, element.h,
# attr.h, character_data.h); :func:`evidence.lint.htmlpage` checks them against
# selectolax's answers on a probe document before this reader is ever used, so another
# layout makes it stand aside rather than read wrong.
from libc.stdint cimport uintptr_t

cdef struct LxbStr:
    unsigned char* data
    size_t length

cdef struct LxbNode:
    void* events
    uintptr_t local_name
    uintptr_t prefix
    uintptr_t ns
    void* owner_document
    LxbNode* next
    LxbNode* prev
    LxbNode* parent
    LxbNode* first_child
    LxbNode* last_child
    void* user
    int type

cdef struct LxbAttr:
    LxbNode node
    uintptr_t upper_name
    uintptr_t qualified_name
    LxbStr* value
    void* owner
    LxbAttr* next
    LxbAttr* prev

cdef struct LxbElement:
    LxbNode node
    uintptr_t upper_name
    uintptr_t qualified_name
    LxbStr* is_value
    LxbAttr* first_attr
    LxbAttr* last_attr

cdef struct LxbText:
    LxbNode node
    LxbStr data

cdef struct LxbHashEntry:
    unsigned char name[24]
    size_t length
    void* next
"""A name lexbor keeps in a document's hash (attributes it has no fixed id for): its id is
the entry's address; names of up to 16 bytes are stored in the entry itself."""

DEF IDS = 4096
cdef unsigned char ID_FLAGS[IDS]
cdef unsigned char ID_KIND[IDS]
cdef uintptr_t ATTR_HREF = 0, ATTR_HIDDEN = 0, ATTR_STYLE = 0
cdef bint LEXBOR_READY = False
cdef uintptr_t BODY_TAG = <uintptr_t>-1  # lexbor's id of <body>


def lexbor_node(object handle):
    """What this reader sees at a selectolax node: (type, id, first child, next sibling,
    text or None, [(attribute id, value)]); used to check the layouts against selectolax.
    The node object is held for the call, so its document cannot be freed under it."""
    cdef LxbNode* node = <LxbNode*><size_t>handle.mem_id
    cdef LxbAttr* attr
    text = None
    attrs = []
    if node.type == 3:
        text = (<LxbText*>node).data.data[:(<LxbText*>node).data.length].decode("utf-8")
    elif node.type == 1:
        attr = (<LxbElement*>node).first_attr
        while attr != NULL:
            value = attr.value.data[:attr.value.length].decode("utf-8") if attr.value != NULL and attr.value.data != NULL else ""
            attrs.append((attr.node.local_name, value))
            attr = attr.next
    return (node.type, node.local_name, <size_t>node.first_child, <size_t>node.next, text, attrs)


cdef inline bint attr_is(uintptr_t ident, uintptr_t fixed, const char* name, size_t length) noexcept nogil:
    """Whether attribute id ``ident`` is the attribute ``name`` (a fixed id, or a hash entry)."""
    cdef LxbHashEntry* entry
    cdef size_t k
    if ident < IDS:
        return fixed < IDS and ident == fixed
    if fixed < IDS:
        return False
    entry = <LxbHashEntry*>ident
    if entry.length != length:
        return False
    for k in range(length):
        if entry.name[k] != <unsigned char>name[k]:
            return False
    return True


def lexbor_name(size_t ident):
    """The name stored at a hash entry id (to check the entry layout), or None for a fixed id."""
    cdef LxbHashEntry* entry
    if ident < IDS:
        return None
    entry = <LxbHashEntry*>ident
    if entry.length > 16:
        return None
    return entry.name[:entry.length].decode("ascii", "replace")


def lexbor_setup(list tags, size_t href, size_t hidden, size_t style):
    """Give the reader lexbor's ids: ``tags`` as (id, name) pairs, and the attribute ids (a
    fixed id, or any value of at least 4096 when the name is kept in each document's hash)."""
    global ATTR_HREF, ATTR_HIDDEN, ATTR_STYLE, LEXBOR_READY, BODY_TAG
    cdef int k, c
    cdef bytes raw
    for c in range(IDS):
        ID_FLAGS[c] = 0
        ID_KIND[c] = 0
    for ident, name in tags:
        if ident >= IDS:
            continue
        raw = name.encode("ascii")
        if raw == b"body":
            BODY_TAG = ident
        k = 0
        while TAGS[k].name != NULL:
            if TAGS[k].name == raw:
                ID_FLAGS[ident] = TAGS[k].flags
                ID_KIND[ident] = TAGS[k].kind
                break
            k += 1
    ATTR_HREF, ATTR_HIDDEN, ATTR_STYLE = href, hidden, style
    LEXBOR_READY = True


cdef struct Out:
    Py_UCS4* buf
    Py_ssize_t n
    Py_ssize_t cap
    unsigned int bits  # every character written, or-ed: its width gives the text's kind
    bint unfoldable  # an İ or a Σ written (see find_folded)


DEF KEEP_AT_MOST = 16 << 20
"""Bytes of memory kept between pages at most (a page of a million characters and more is
given fresh memory, freed after it)."""


cdef Out KEPT
"""The page text's buffer, kept from page to page (``busy`` while a page is read): growing
a fresh one for every page copied it twice a page."""
KEPT.buf = NULL
KEPT.n = KEPT.cap = 0
KEPT.unfoldable = False
cdef bint KEPT_BUSY = False
cdef object KEPT_TEXT = None
"""The str last made from KEPT, while KEPT still holds its characters (NUL-ended): the
scanner reads them there instead of copying the str back to UCS-4."""


cdef str text_of(Out* out):
    """The text written to ``out`` as a str, of the narrowest kind that holds it (known from
    ``out.bits``: no pass to find the largest character)."""
    cdef Py_ssize_t i, n = out.n
    cdef unsigned int bits = out.bits
    cdef str text = PyUnicode_New(n, 127 if bits < 128 else 255 if bits < 256 else 65535 if bits < 65536 else 0x10FFFF)
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef const Py_UCS4* buf = out.buf
    if kind == 1:
        ev_narrow1(buf, <unsigned char*>data, n)
    elif kind == 2:
        ev_narrow2(buf, <unsigned short*>data, n)
    else:
        memcpy(data, buf, n * sizeof(Py_UCS4))
    return text


cdef int put(Out* out, ch c) except -1:
    cdef Py_UCS4* grown
    if out.n == out.cap:
        grown = <Py_UCS4*>PyMem_Realloc(out.buf, (out.cap * 2 + 64) * sizeof(Py_UCS4))
        if grown == NULL:
            raise MemoryError()
        out.buf = grown
        out.cap = out.cap * 2 + 64
    out.buf[out.n] = c
    out.n += 1
    out.bits |= <unsigned int>c
    return 0


cdef int reserve(Out* out, size_t more) except -1:
    """Room for ``more`` characters."""
    cdef Py_UCS4* grown
    cdef Py_ssize_t cap
    if out.n + <Py_ssize_t>more <= out.cap:
        return 0
    cap = out.cap * 2 + <Py_ssize_t>more + 64
    grown = <Py_UCS4*>PyMem_Realloc(out.buf, cap * sizeof(Py_UCS4))
    if grown == NULL:
        raise MemoryError()
    out.buf = grown
    out.cap = cap
    return 0


cdef int put_utf8(Out* out, const unsigned char* s, size_t length) except -1:
    """Decode lexbor's UTF-8 text (valid: the parser replaced bad bytes) into the page text."""
    cdef size_t i = 0
    cdef ch c
    cdef unsigned char b
    cdef Py_UCS4* o
    cdef uint64_t w
    cdef unsigned int bits = 0
    reserve(out, length)  # never more characters than bytes
    o = out.buf + out.n
    while i < length:
        if i + 16 <= length and ev_ascii16(s + i, o):  # sixteen printable ASCII bytes at once, the usual case
            o += 16
            i += 16
            continue
        if i + 8 <= length:  # or eight
            memcpy(&w, s + i, 8)
            if ((w | (w - 0x2020202020202020ULL)) & 0x8080808080808080ULL) == 0:
                o[0] = s[i]
                o[1] = s[i + 1]
                o[2] = s[i + 2]
                o[3] = s[i + 3]
                o[4] = s[i + 4]
                o[5] = s[i + 5]
                o[6] = s[i + 6]
                o[7] = s[i + 7]
                o += 8
                i += 8
                continue
        b = s[i]
        if b >= 32 and b < 0x80:
            o[0] = b
            o += 1
            i += 1
            continue
        if b < 0x80:
            c = b
            i += 1
        elif b < 0xE0:
            c = ((b & 0x1F) << 6) | (s[i + 1] & 0x3F) if i + 1 < length else 0xFFFD
            i += 2
        elif b < 0xF0:
            c = ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F) if i + 2 < length else 0xFFFD
            i += 3
        else:
            c = ((b & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F) if i + 3 < length else 0xFFFD
            i += 4
        c = shown(c)
        bits |= <unsigned int>c
        if c == 0x130 or c == 0x3A3:
            out.unfoldable = True
        o[0] = c
        o += 1
    out.n = o - out.buf
    out.bits |= bits
    return 0


def reads_as_prepared(object element):
    """``htmlpage.reads_as_prepared`` read from lexbor's tree in place: False when the
    element (a selectolax node, held for the call) is a superscript, or it or anything under
    it is hidden (:func:`element_hidden`) or a superscript, or an element above it is hidden
    before ``<body>`` is reached, or ``<body>`` is not reached; else True. None when the
    reader was not set up (:func:`lexbor_setup`)."""
    cdef LxbNode* top = <LxbNode*><size_t>element.mem_id
    cdef LxbNode* node
    cdef unsigned char flags
    if not LEXBOR_READY or top == NULL:
        return None
    if top.type != 1:
        return False
    node = top
    while node != NULL:  # the element and everything under it, in document order
        if node.type == 1:
            flags = tag_flags(node)
            if flags & F_SUP or element_hidden(<LxbElement*>node, flags, NULL):
                return False
        node = node.first_child if node.first_child != NULL else after_subtree(node, top)
    node = top
    while node != NULL:  # the element and those above it, up to <body>
        if node.type == 1:
            if element_hidden(<LxbElement*>node, tag_flags(node), NULL):
                return False
            if node.local_name == BODY_TAG:
                return True
        node = node.parent
    return False


cdef inline unsigned char tag_flags(LxbNode* node) noexcept nogil:
    """What the reader knows of an element's tag (:data:`ID_FLAGS`; 0 for a tag it does not know)."""
    return ID_FLAGS[node.local_name] if node.local_name < IDS else 0


cdef inline LxbNode* after_subtree(LxbNode* node, LxbNode* top) noexcept nogil:
    """The node after ``node`` and everything under it, in document order, within ``top``
    (NULL when ``top`` has no more)."""
    while node != top and node.next == NULL:
        node = node.parent
    return NULL if node == top else node.next


cdef bint element_hidden(LxbElement* element, unsigned char flags, LxbStr** href) noexcept nogil:
    """Hidden by its tag, a ``hidden`` attribute or ``display:none``; finds its ``href`` too."""
    cdef LxbAttr* attr = element.first_attr
    cdef bint hidden = (flags & F_HIDDEN) != 0
    cdef size_t k
    while attr != NULL:
        if attr_is(attr.node.local_name, ATTR_HIDDEN, "hidden", 6):
            hidden = True
        elif attr_is(attr.node.local_name, ATTR_STYLE, "style", 5) and attr.value != NULL and attr.value.data != NULL:
            for k in range(attr.value.length):
                if attr.value.data[k] == 100 and k + 12 <= attr.value.length and lit_bytes(attr.value.data + k, attr.value.length - k):
                    hidden = True
                    break
        elif href != NULL and attr_is(attr.node.local_name, ATTR_HREF, "href", 4) and attr.value != NULL and attr.value.length > 0:
            if href[0] == NULL:
                href[0] = attr.value
        attr = attr.next
    return hidden


cdef inline bint lit_bytes(const unsigned char* s, size_t n) noexcept nogil:
    """``display:none`` or ``display: none`` at the start of ``s``."""
    cdef const char* word = "display:"
    cdef size_t k = 0
    while k < 8:
        if s[k] != <unsigned char>word[k]:
            return False
        k += 1
    if k < n and s[k] == 32:
        k += 1
    return k + 4 <= n and s[k] == 110 and s[k + 1] == 111 and s[k + 2] == 110 and s[k + 3] == 101


cdef int subtree_text(LxbNode* top, Out* out) except -1:
    """The visible text under ``top`` (for a superscript's footnote test)."""
    cdef LxbNode* node = top.first_child
    while node != NULL and node != top:
        if node.type == 3:
            put_utf8(out, (<LxbText*>node).data.data, (<LxbText*>node).data.length)
        elif node.type == 1 and node.first_child != NULL and not element_hidden(<LxbElement*>node, tag_flags(node), NULL):
            node = node.first_child
            continue
        node = after_subtree(node, top)
    return 0


DEF HREF_SLOTS = 512
cdef object HREFS = [None] * HREF_SLOTS
"""Link targets read lately, as strs, by a hash of their bytes: a site links the same
sources from page after page, and a str kept is neither decoded, allocated nor hashed
again (its hash is kept in it) when the next page links it."""


cdef inline size_t href_slot(const unsigned char* data, size_t length) noexcept nogil:
    """A slot for a link target's bytes: its length, first and last eight mixed."""
    cdef uint64_t head = 0, tail = 0
    if length >= 8:
        memcpy(&head, data, 8)
        memcpy(&tail, data + length - 8, 8)
    else:
        memcpy(&head, data, length)
    head = (head ^ (tail * 0x9E3779B97F4A7C15ULL) ^ length) * 0xFF51AFD7ED558CCDULL
    return <size_t>((head >> 40) & (HREF_SLOTS - 1))


cdef str href_text(const unsigned char* data, size_t length):
    """``data[:length].decode("utf-8")``, the str kept in :data:`HREFS` when it is the same
    (ASCII, the same bytes), else a new one, kept there when it is ASCII."""
    cdef size_t slot = href_slot(data, length)
    cdef list kept = <list>HREFS
    cdef object known = kept[slot]
    cdef str text
    if known is not None and len(<str>known) == <Py_ssize_t>length and memcmp(PyUnicode_DATA(known), data, length) == 0:
        return <str>known  # only ASCII strs are kept: their data are their UTF-8 bytes
    text = data[:length].decode("utf-8")
    if len(text) == <Py_ssize_t>length:  # ASCII: one byte a character, compared as bytes next time
        kept[slot] = text
    return text


def lexbor_page(object body_node):
    """Read the page text straight from lexbor's tree under ``<body>`` (a selectolax node,
    held for the call so its document stays alive): what :func:`html_page` gives for its
    serialisation, without serialising. None when the reader was not set up
    (:func:`lexbor_setup`)."""
    cdef LxbNode* body = <LxbNode*><size_t>body_node.mem_id
    cdef LxbNode* node
    cdef Out out, note
    cdef Py_ssize_t depth = 0, cap = 64, a, b
    cdef int* ids
    cdef unsigned char* sups
    cdef int* grown_ids
    cdef unsigned char* grown_sups
    cdef int next_id = 0, container
    cdef unsigned char flags
    cdef LxbStr* href
    cdef list blocks = [], kinds = [], containers = [], links = []
    cdef bint entering
    global KEPT_BUSY, KEPT_TEXT
    cdef bint kept = False
    cdef str text = None
    if not LEXBOR_READY or body == NULL or body.type != 1:
        return None
    kept = not KEPT_BUSY  # else a page read within a page read (from a finaliser, say): memory of its own
    if kept:
        KEPT_TEXT = None  # its characters are about to be written over
    if kept and KEPT.buf != NULL:
        out.buf, out.cap = KEPT.buf, KEPT.cap
        KEPT.buf = NULL
    else:
        out.buf = <Py_UCS4*>PyMem_Malloc(4096 * sizeof(Py_UCS4))
        out.cap = 4096
    if kept:
        KEPT_BUSY = True
    out.n = 0
    out.bits = 0
    out.unfoldable = False
    note.bits = 0
    note.unfoldable = False
    note.buf = <Py_UCS4*>PyMem_Malloc(64 * sizeof(Py_UCS4))
    note.n = 0
    note.cap = 64
    ids = <int*>PyMem_Malloc(cap * sizeof(int))
    sups = <unsigned char*>PyMem_Malloc(cap)
    if out.buf == NULL or note.buf == NULL or ids == NULL or sups == NULL:
        PyMem_Free(out.buf)
        PyMem_Free(note.buf)
        PyMem_Free(ids)
        PyMem_Free(sups)
        if kept:
            KEPT_BUSY = False
        raise MemoryError()
    try:
        node = body
        entering = True
        while True:
            if entering:
                if node.type == 3:
                    put_utf8(&out, (<LxbText*>node).data.data, (<LxbText*>node).data.length)
                elif node.type == 1:
                    flags = tag_flags(node)
                    href = NULL
                    if node == body and element_hidden(<LxbElement*>node, flags, NULL):
                        put(&out, 10)  # a hidden <body>: the walk reads its block, empty
                        blocks.append(out.n)
                        kinds.append(BLOCK_KIND_NAMES[0])
                        containers.append(0)
                    elif flags & F_CODE:
                        if not element_hidden(<LxbElement*>node, 0, NULL):
                            put_utf8(&out, <const unsigned char*>b"\xe2\x80\xa6", 3)  # inline code: an ellipsis
                    elif not element_hidden(<LxbElement*>node, flags, &href if flags & F_LINK else NULL):
                        container = ids[depth - 1] if depth else 0
                        if depth == cap:
                            grown_ids = <int*>PyMem_Realloc(ids, cap * 2 * sizeof(int))
                            if grown_ids == NULL:
                                raise MemoryError()
                            ids = grown_ids
                            grown_sups = <unsigned char*>PyMem_Realloc(sups, cap * 2)
                            if grown_sups == NULL:
                                raise MemoryError()
                            sups = grown_sups
                            cap *= 2
                        sups[depth] = 0
                        if flags & F_BLOCK:
                            put(&out, 10)
                            blocks.append(out.n)
                            kinds.append(BLOCK_KIND_NAMES[ID_KIND[node.local_name]])
                            containers.append(container)
                        elif flags & F_BREAK:
                            put(&out, 9)
                        elif href != NULL:
                            links.append((href_text(href.data, href.length), out.n, len(blocks) - 1))
                        if flags & F_SUP:
                            note.n = 0
                            subtree_text(node, &note)
                            a, b = 0, note.n
                            while a < b and Py_UNICODE_ISSPACE(note.buf[a]):
                                a += 1
                            while b > a and Py_UNICODE_ISSPACE(note.buf[b - 1]):
                                b -= 1
                            if marker_text(note.buf + a, b - a):
                                sups[depth] = 1
                                put(&out, 32)
                                put(&out, 91)
                        if sups[depth]:
                            ids[depth] = container  # unwrapped: its children belong to its parent
                        else:
                            next_id += 1
                            ids[depth] = next_id
                        if node.first_child != NULL:
                            depth += 1
                            node = node.first_child
                            continue
                        if sups[depth]:
                            put(&out, 93)
            # leave the node: next sibling, or up
            if node == body:
                break
            if node.next != NULL:
                node = node.next
                entering = True
                continue
            node = node.parent
            depth -= 1
            entering = False
            if sups[depth]:
                put(&out, 93)
        reserve(&out, 1)
        out.buf[out.n] = 0  # NUL-ended, as the scanner reads it
        text = text_of(&out)
    finally:
        if kept and out.cap * sizeof(Py_UCS4) <= KEEP_AT_MOST:  # kept (grown, perhaps) for the next page
            KEPT.buf, KEPT.cap, KEPT.n = out.buf, out.cap, out.n
            KEPT.unfoldable = out.unfoldable
            KEPT_TEXT = text
        else:
            PyMem_Free(out.buf)
        if kept:
            KEPT_BUSY = False
        PyMem_Free(note.buf)
        PyMem_Free(ids)
        PyMem_Free(sups)
    return text, blocks, kinds, containers, links


cdef list find_bare_urls(Text* x, Cands* cd, list dois):
    """Where ``https?://[^\\s<>"“”]+`` matches: a list of (start, end); and where ``doi:``
    starts, added to ``dois`` (inside URLs too, as a search of the whole text finds it)."""
    cdef Py_ssize_t n = x.n, i, j, scheme_end, cursor = 0
    cdef list found = []
    cdef ch c
    while cd.k < cd.n:
        i = cd.pos[cd.k]
        cd.k += 1
        if x.t[i] == 100:  # d
            if i + 3 < n and x.t[i + 1] == 111 and x.t[i + 2] == 105 and x.t[i + 3] == 58:
                dois.append(i)
            continue
        if i < cursor or i >= n - 6:
            continue
        if x.t[i + 1] != 116 or x.t[i + 2] != 116 or x.t[i + 3] != 112:
            continue
        j = i + 4
        if x.t[j] == 115:
            j += 1
        if not lit(x, j, "://"):
            continue
        j += 3
        scheme_end = j
        while j < n:
            c = x.t[j]
            if c == 60 or c == 62 or c == 34 or c == 0x201C or c == 0x201D or Py_UNICODE_ISSPACE(c):
                break
            j += 1
        if j == scheme_end:
            continue  # nothing after the scheme: not a match
        found.append((i, j))
        cursor = j
    return found


cdef inline bint sentence_end(Py_UCS4 c, bint quotes) noexcept nogil:
    """One of ``.,;:!?`` (and with ``quotes``, ``'`` and the closing curly quotes ’ ”)."""
    return (c == 46 or c == 44 or c == 59 or c == 58 or c == 33 or c == 63
            or (quotes and (c == 39 or c == 0x2019 or c == 0x201D)))


cdef Py_ssize_t trimmed_end(str text, Py_ssize_t start, Py_ssize_t end):
    """Where ``citations._trim(text[start:end])`` ends: the punctuation that ends a sentence
    taken off, and closing brackets that close nothing in the URL (each time with the
    punctuation before it)."""
    cdef Py_ssize_t e = end, k, opened = 0, closed = 0
    cdef Py_UCS4 c
    while e > start and sentence_end(text[e - 1], True):
        e -= 1
    for k in range(start, e):
        c = text[k]
        if c == 40:
            opened += 1
        elif c == 41:
            closed += 1
    while e > start:
        c = text[e - 1]
        if not ((c == 41 and opened < closed) or (c == 93 and opened < closed + 1)):
            break
        e -= 1
        if c == 41:
            closed -= 1
        while e > start and sentence_end(text[e - 1], False):
            e -= 1
    return e


cdef Py_ssize_t doi_end(str text, Py_ssize_t p, Py_ssize_t n):
    """End of ``citations._BARE_DOI`` (``doi: ?10\\.[0-9]{4,9}/[^\\s<>"]+``) matched at ``p``, or -1."""
    cdef Py_ssize_t j = p + 4, run
    cdef Py_UCS4 c
    if p < 0 or j > n or text[p] != u"d" or text[p + 1] != u"o" or text[p + 2] != u"i" or text[p + 3] != u":":
        return -1
    if j < n and text[j] == u" ":
        j += 1
    if j + 3 > n or text[j] != u"1" or text[j + 1] != u"0" or text[j + 2] != u".":
        return -1
    j += 3
    run = j
    while j < n and u"0" <= text[j] <= u"9":
        j += 1
    if not 4 <= j - run <= 9 or j >= n or text[j] != u"/":
        return -1
    j += 1
    run = j
    while j < n:
        c = text[j]
        if c == 60 or c == 62 or c == 34 or Py_UNICODE_ISSPACE(c):
            break
        j += 1
    return j if j > run else -1


def bare_citations(str text, list spans, list dois):
    """The bare URLs (``spans``, where :func:`bare_urls` found them) and bare DOIs (matched
    at ``dois``, where ``doi:`` stands, each after the last one's end) of ``text``, as
    (start, url) with each URL trimmed of the punctuation around it, in page order: what
    ``citations.PageCitations`` computes in Python."""
    cdef list bare = [], found = []
    cdef Py_ssize_t start, end, after = 0, n = len(text)
    cdef object span, place
    for span in spans:
        start, end = span
        if not 0 <= start <= end <= n:
            raise ValueError(f"a bare URL's span {span!r} is not in the text")
        bare.append((start, text[start:trimmed_end(text, start, end)]))
    for place in dois:
        start = place
        if start >= after:
            end = doi_end(text, start, n)
            if end >= 0:
                found.append((start, text[start:trimmed_end(text, start, end)]))
                after = end
    if found:
        bare = sorted(bare + found)
    return bare


def outside_spans(list found, list spans):
    """The items of ``found`` (tuples whose first item is an offset, in order) not inside
    one of ``spans`` ((start, end), by start): an item is inside when the last span starting
    at or before it has not ended, as ``lint_page`` decides in Python. ``found`` itself when
    none is."""
    cdef Py_ssize_t i, j = -1, count = len(spans), offset
    cdef list kept = None
    cdef object item
    for i in range(len(found)):
        item = found[i]
        offset = item[0]
        while j + 1 < count and <Py_ssize_t>spans[j + 1][0] <= offset:
            j += 1
        if j >= 0 and offset < <Py_ssize_t>spans[j][1]:
            if kept is None:
                kept = found[:i]
            continue
        if kept is not None:
            kept.append(item)
    return found if kept is None else kept


# one pass for all three ------------------------------------------------------------------
cdef unsigned char TRIGGERS[128]
"""For each ASCII character, the scans it may start a candidate for: 1 statistics (digits,
``i`` of ``in``, ``o`` of ``of``/``out``), 2 template holes (:data:`HOLE_TRIGGER`), 4 bare
URLs (``h`` of ``http``, ``d`` of ``doi:``). Of other characters only template holes'
starters count."""
for _c in range(128):
    TRIGGERS[_c] = ((1 if (48 <= _c <= 57 or _c == 105 or _c == 111) else 0) | (2 if HOLE_TRIGGER[_c] else 0)
                    | (4 if _c == 104 or _c == 100 else 0))


PAIRS = ((32, ","), (105, "n"), (111, "fu"), (104, "t"), (98, "e"), (102, "r"), (117, "nl"), (100, "o"))
"""Trigger characters kept only before one of one or two characters: the character their
scan's own test asks for next (``i``-n, ``o``-f/u, ``h``-t, ``d``-o, ``b``-e, ``f``-r,
``u``-n/l, a space before a comma). These are common letters and the space; the rule
drops two trigger places in three."""
cdef void set_trigger_tables():
    cdef bytes pairs = bytes([b for c, nexts in PAIRS for b in (c, ord(nexts[0]), ord(nexts[len(nexts) - 1]))])
    ev_tables(TRIGGERS, pairs, len(PAIRS))


set_trigger_tables()
ev_vector = ev_vector_possible()


def vector_triggers(on=None):
    """Whether trigger characters are found 16 at a time with SSSE3 (where the processor has
    it); ``on`` switches that (False: one at a time, the definition), for tests."""
    global ev_vector
    if on is not None:
        ev_vector = bool(on) and ev_vector_possible()
    return bool(ev_vector and ev_pairs_by_low)  # the pair rules must be told apart by their low half


cdef inline unsigned int trigger_scans(const ch* t, Py_ssize_t i, unsigned char wanted) noexcept nogil:
    """The scans (bits as in :data:`TRIGGERS`) a trigger place is for."""
    cdef ch c = t[i]
    if c < 128:
        return TRIGGERS[c] & wanted
    return 2 if (wanted & 2 and starters(c, 0)) else 0


cdef void note_triggers(Text* x, unsigned char wanted, unsigned short* masks, Cands* stats, Cands* holes,
                        Cands* urls) noexcept nogil:
    """Note where the wanted scans' trigger places stand, in order, in the lists of the
    scans each is for (each list has room for the whole text). Candidates are found 16
    characters at a time (:c:func:`ev_trigger_masks`, into ``masks``, room for one per 16
    characters), the rest one by one; each is written to all three lists and kept where
    it counts, with no branch on which. The text must end with a NUL (both of its copies
    here do: ``PyUnicode_AsUCS4`` is asked for one, ``PyUnicode_AsUCS4Copy`` adds one)."""
    cdef Py_ssize_t i, b, base, ns = 0, nh = 0, nu = 0, n = x.n, blocks = x.n // 16
    cdef const ch* t = x.t
    cdef place_t* sp = stats.pos
    cdef place_t* hp = holes.pos
    cdef place_t* up = urls.pos
    cdef unsigned int m, bits
    ev_trigger_masks(t, blocks, masks)
    for b in range(blocks):
        bits = masks[b]
        base = b * 16
        while bits:
            i = base + ctz(bits)
            bits &= bits - 1
            m = trigger_scans(t, i, wanted)
            if m & 2 and t[i] < 128 and HOLE_CHECK[t[i]] and not hole_possible(t, i, HOLE_CHECK[t[i]]):
                m &= ~2u
            sp[ns] = <place_t>i
            ns += m & 1
            hp[nh] = <place_t>i
            nh += (m >> 1) & 1
            up[nu] = <place_t>i
            nu += m >> 2
    for i in range(blocks * 16, n):
        m = trigger_scans(t, i, wanted) if ev_is_trigger(t + i, i == 0) else 0
        if m & 2 and t[i] < 128 and HOLE_CHECK[t[i]] and not hole_possible(t, i, HOLE_CHECK[t[i]]):
            m &= ~2u
        sp[ns] = <place_t>i
        ns += m & 1
        hp[nh] = <place_t>i
        nh += (m >> 1) & 1
        up[nu] = <place_t>i
        nu += m >> 2
    stats.n, holes.n, urls.n = ns, nh, nu


cdef struct Room:
    void* buf
    size_t size
    bint busy

cdef Room ROOM
"""Memory for the page text as UCS-4 and its trigger places, kept from page to page:
fresh memory for every page would be fresh pages from the kernel for every page, a fault
for each 4 kB of them."""
ROOM.buf = NULL
ROOM.size = 0
ROOM.busy = False


cdef void* take(Room* room, size_t size, bint* own) except NULL:
    """``size`` bytes: the kept room if it is free (grown if need be), else memory of its
    own (a scan within a scan, from a finaliser say; ``own`` says so)."""
    cdef void* buf
    own[0] = room.busy
    if room.busy:
        buf = PyMem_Malloc(size)
    else:
        if size > room.size:
            PyMem_Free(room.buf)
            room.size = 0
            room.buf = PyMem_Malloc(size)
            if room.buf != NULL:
                room.size = size
        buf = room.buf
        room.busy = buf != NULL
    if buf == NULL:
        raise MemoryError()
    return buf


cdef void give(Room* room, void* buf, bint own) noexcept:
    if own:
        PyMem_Free(buf)
    elif buf != NULL:
        room.busy = False
        if room.size > KEEP_AT_MOST:
            PyMem_Free(room.buf)
            room.buf = NULL
            room.size = 0


cdef tuple scan(str text, unsigned char wanted, bint texts=True):
    cdef Text x
    cdef Cands cands[3]
    cdef int j
    cdef list statistics = None, holes = None, urls = None, dois = None
    cdef void* room = NULL
    cdef place_t* places
    cdef bint own_room = False, shared = False
    cdef size_t copy = 0
    global KEPT_BUSY
    x.n = len(text)
    if x.n == 0:
        return [], [], [], []
    if <size_t>x.n >= <size_t>(<place_t>-1):
        raise OverflowError("the compiled scanner reads page texts of under 4 G characters")
    x.t = NULL
    shared = text is KEPT_TEXT and not KEPT_BUSY and KEPT.buf != NULL and KEPT.n == x.n
    if shared:  # the reader's own characters of this very text: read there, not copied
        KEPT_BUSY = True
    else:
        copy = (x.n + 1) * sizeof(Py_UCS4)
    try:
        # the text (UCS-4, NUL-ended) unless shared, three lists of places, then one mask for every 16 characters
        room = take(&ROOM, copy + 3 * (x.n + 1) * sizeof(place_t) + (x.n // 16 + 1) * sizeof(unsigned short),
                    &own_room)
        if shared:
            x.t = KEPT.buf
        else:
            x.t = PyUnicode_AsUCS4(text, <Py_UCS4*>room, x.n + 1, 1)
        places = <place_t*>(<char*>room + copy)
        for j in range(3):
            cands[j].pos = places + j * (x.n + 1)
            cands[j].n = cands[j].k = 0
        note_triggers(&x, wanted, <unsigned short*>(places + 3 * (x.n + 1)), &cands[0], &cands[1], &cands[2])
        if wanted & 1:
            statistics = find_statistics(&x, text, &cands[0], texts)
        if wanted & 2:
            holes = find_holes(&x, text, &cands[1])
        if wanted & 4:
            dois = []
            urls = find_bare_urls(&x, &cands[2], dois)
    finally:
        give(&ROOM, room, own_room)
        if shared:
            KEPT_BUSY = False
    return statistics, holes, urls, dois


def trigger_places(str text):
    """The places each scan is given to look at (statistics, template holes, bare URLs), as
    three lists of offsets: what the one pass over ``text`` notes (for tests)."""
    cdef Text x
    cdef Cands cands[3]
    cdef int j
    cdef place_t* places = NULL
    cdef unsigned short* masks
    x.n = len(text)
    if <size_t>x.n >= <size_t>(<place_t>-1):
        raise OverflowError("the compiled scanner reads page texts of under 4 G characters")
    x.t = PyUnicode_AsUCS4Copy(text)
    try:
        places = <place_t*>PyMem_Malloc(3 * (x.n + 1) * sizeof(place_t) + (x.n // 16 + 1) * sizeof(unsigned short))
        if places == NULL:
            raise MemoryError()
        for j in range(3):
            cands[j].pos = places + j * (x.n + 1)
            cands[j].n = cands[j].k = 0
        note_triggers(&x, 7, <unsigned short*>(places + 3 * (x.n + 1)), &cands[0], &cands[1], &cands[2])
        return [[cands[j].pos[k] for k in range(cands[j].n)] for j in range(3)]
    finally:
        PyMem_Free(<void*>x.t)
        PyMem_Free(places)


def kept_memory():
    """Bytes of memory the scanner and the in-place reader keep between pages."""
    return ROOM.size + (KEPT.cap * sizeof(Py_UCS4) if KEPT.buf != NULL else 0)


def statistics(str text):
    """Every statistic in ``text``, in order, as (start, end, kind, text)."""
    return scan(text, 1)[0]


def holes(str text):
    """Every template hole in ``text``, in order, one per place, as (start, end, pattern, text)."""
    return scan(text, 2)[1]


def bare_urls(str text):
    """Where ``https?://[^\\s<>"“”]+`` matches in ``text``: a list of (start, end)."""
    return scan(text, 4)[2]


def scan_page(str text, bint texts=True):
    """:func:`statistics`, :func:`holes` and :func:`bare_urls` of ``text`` at once, and where
    ``doi:`` stands in it (for ``citations._BARE_DOI``): one copy of the text, one pass over
    it for the three scans' trigger characters. Without ``texts``, each statistic's text is
    None: it is always ``text[start:end].rstrip()``, made when it is needed."""
    return scan(text, 7, texts)


def block_ends(list starts, Py_ssize_t n):
    """Where each block ends, ``starts`` being where the blocks start (each after a newline
    that ends the block before): one before the next block's start, and ``n`` (the text's
    length) for the last; ``[s - 1 for s in starts[1:]] + [n]`` (a TypeError for a start
    that is not an int)."""
    cdef Py_ssize_t count = len(starts), i
    cdef list ends = []
    for i in range(1, count):
        ends.append(<Py_ssize_t>starts[i] - 1)
    if count:
        ends.append(n)
    return ends


def checked_urls(dict checked, frozenset flagged):
    """``checked`` ({offset: verdict}) as (offset, verdict) items in offset order, and the
    items whose verdict's ``status`` is one of ``flagged``: ``sorted(checked.items())`` and
    those of them ``lint_page`` makes EV603 findings of. The offsets must be ints (a
    TypeError otherwise)."""
    cdef list items = [], marked = []
    cdef Py_ssize_t previous = -1, offset
    cdef bint ordered = True
    cdef object key, verdict
    for key, verdict in checked.items():
        offset = key
        if offset < previous:
            ordered = False
        previous = offset
        items.append((key, verdict))
    if not ordered:
        items.sort(key=_start)
    for item in items:
        if (<tuple>item)[1].status in flagged:
            marked.append(item)
    return items, marked


def group_by_block(list found, list starts):
    """``found`` (tuples whose first item is a page-text offset, in order) by the block
    each offset falls in, ``starts`` being the blocks' first offsets (ascending): a dict
    {block index: [items]} in page order; items before the first block go under -1."""
    cdef dict groups = {}
    cdef Py_ssize_t block = -1, count = len(starts), offset
    cdef list current = None
    for item in found:
        offset = (<tuple>item)[0]
        if block + 1 < count and offset >= <Py_ssize_t>starts[block + 1]:
            while block + 1 < count and offset >= <Py_ssize_t>starts[block + 1]:
                block += 1
            current = None
        if current is None:
            current = groups.get(block)
            if current is None:
                current = groups[block] = []
        current.append(item)
    return groups


def links_by_block(list links):
    """The page's links (href, start, block), in document order, as {block: [(start, href), ...]}."""
    cdef dict groups = {}
    cdef list current = None
    cdef object block, previous = None
    for link in links:  # (href, start, block) tuples, Link among them
        block = link[2]
        if current is None or block != previous:
            current = groups.get(block)
            if current is None:
                current = groups[block] = []
            previous = block
        current.append((link[1], link[0]))
    return groups


# citations by a block's own links ----------------------------------------------------------
cdef inline tuple link_at(object links, Py_ssize_t i):
    cdef object link = (<list>links)[i]
    if not isinstance(link, tuple) or PyTuple_GET_SIZE(link) < 3:
        raise TypeError(f"a link is an (href, start, block) tuple, not {link!r}")
    return <tuple>link


cdef object keep_verdict(list kept, object offset, object href, dict verdicts, object cited_url):
    """Add (offset, verdict) to ``kept`` (a block's citing URLs, each once) unless ``href``
    cites nothing or ``kept`` holds its URL already; the verdict (None: it cites nothing).
    ``verdicts`` is ``cited_url``'s cache (href -> verdict or None), ``cited_url`` answers
    what it lacks."""
    cdef object verdict = verdicts.get(href, verdicts)  # the dict itself: not asked yet
    cdef object url
    cdef Py_ssize_t k
    if verdict is verdicts:
        verdict = cited_url(href)
    if verdict is None:
        return None
    url = verdict.url
    for k in range(len(kept)):
        if (<tuple>kept[k])[1].url == url:
            return verdict
    kept.append((offset, verdict))
    return verdict


cdef list block_links(object links, Py_ssize_t* li, Py_ssize_t nl, Py_ssize_t block, dict verdicts, object cited_url,
                      bint* two_at_one_place, bint* fragment):
    """The citing URLs of the links of ``block`` from ``links[li]`` on, as (offset, verdict)
    once per URL, moving ``li`` past them; notes two links at one offset, and a link to a
    ``#fragment`` (a footnote reference)."""
    cdef list kept = []
    cdef tuple link
    cdef Py_ssize_t start, previous_start = -1
    cdef object href
    while li[0] < nl:
        link = link_at(links, li[0])
        if <Py_ssize_t>link[2] != block:
            break
        li[0] += 1
        start = link[1]
        if start == previous_start:
            two_at_one_place[0] = True  # ordered by target, as urls() does
        previous_start = start
        href = link[0]
        if keep_verdict(kept, link[1], href, verdicts, cited_url) is None and isinstance(href, str) \
                and (<str>href).startswith("#"):
            fragment[0] = True
    return kept


cdef list urls_of(object links, Py_ssize_t* li, Py_ssize_t nl, Py_ssize_t block, object bare, dict verdicts,
                  object cited_url):
    """``PageCitations.urls(block)`` where its links and bare URLs (``bare``, or None) must be
    put in order first: every (offset, href) sorted, then each URL's first verdict; moves
    ``li`` past the block's links."""
    cdef list candidates = [] if bare is None else list(bare), kept = []
    cdef tuple link, item
    while li[0] < nl:
        link = link_at(links, li[0])
        if <Py_ssize_t>link[2] != block:
            break
        li[0] += 1
        candidates.append((link[1], link[0]))
    candidates.sort()
    for item in candidates:
        keep_verdict(kept, item[0], item[1], verdicts, cited_url)
    return kept


def cite_by_own_links(object links, dict exact, dict by_block, dict verdicts, object cited_url, dict checked, dict uses,
                      tuple credits=None):
    """Decide the blocks whose own links cite their statistics, as ``lint_page`` does in
    Python (``PageCitations.direct_urls`` and the first branch of its loop over blocks).

    ``links``: the page's (href, offset, block) in document order (blocks ascending);
    ``exact``: the blocks with bare URLs, {block: [(offset, url)]}, whose URLs are put in
    order with their links' (so are two links at one offset); ``by_block``: statistics by block, in page order; ``verdicts``:
    ``cited_url``'s cache (href -> verdict or None), ``cited_url`` answering what it lacks.
    For each block of ``by_block`` with a citing URL, each URL's verdict is put in
    ``checked`` under its offset unless there already, and with ``uses`` (a dict, or None)
    each primary URL is kept as url -> the smallest offset of a block's first statistic
    citing it (:func:`first_use`). Returns (how
    many statistics those blocks hold, the other blocks of ``by_block`` in order).

    With ``credits`` = (text, starts, ends, kinds, containers, attributions or None, longest
    credit line, how many blocks on a credit line may be), a block is also decided here when
    the loop over the other blocks would find it cited by a credit line with links
    (``PageCitations.credit``) and by nothing of its own: it has no citing URL, no link to a
    ``#fragment``, no footnote marker and (when ``attributions`` is given, a catalogue's) no
    attribution; nor have the blocks passed over before its credit line. Every other block
    is left to that loop.

    The blocks of ``by_block`` and the links are walked side by side: a link outside them
    (and their credit lines) is not looked at, and a block's URLs are kept without a dict.
    """
    cdef Py_ssize_t li = 0, nl, block, cited = 0, following, mine, theirs, first
    cdef list rest = [], found, urls, starts = None, ends = None, kinds = None, containers = None
    cdef object key, item, attributions = None
    cdef str text = None
    cdef bint two_at_one_place, fragment
    cdef Py_ssize_t credit_length = 0, credit_blocks = 0, count = 0
    if not isinstance(links, list):
        links = list(links)
    nl = len(links)
    if credits is not None:
        text, starts, ends, kinds, containers, attributions, credit_length, credit_blocks = credits
        count = min(len(starts), len(ends), len(kinds), len(containers))
    for key, found in by_block.items():
        block = key
        while li < nl and <Py_ssize_t>link_at(links, li)[2] < block:
            li += 1
        two_at_one_place = fragment = False
        if block in exact:
            urls = urls_of(links, &li, nl, block, exact[block], verdicts, cited_url)
        else:
            first = li
            urls = block_links(links, &li, nl, block, verdicts, cited_url, &two_at_one_place, &fragment)
            if two_at_one_place:
                urls = urls_of(links, &first, nl, block, None, verdicts, cited_url)
        if not urls and credits is not None and not two_at_one_place and not fragment and 0 <= block < count - 1 \
                and block not in exact and find_marker(text, starts[block], ends[block]) < 0 \
                and (attributions is None or not attributions(text, starts[block], ends[block])):
            mine = containers[block]
            following = block
            while following < block + credit_blocks and following + 1 < count:
                following += 1  # the next blocks, as PageCitations.credit walks them
                theirs = containers[following]
                if following in by_block or <Py_ssize_t>ends[following] - <Py_ssize_t>starts[following] > credit_length \
                        or kinds[following] == "heading" or opens_with_symbol(text, starts[following], ends[following]):
                    break
                if (mine >= 0 and theirs >= 0 and mine != theirs) if following == block + 1 else (mine < 0 or theirs != mine):
                    break
                while li < nl and <Py_ssize_t>link_at(links, li)[2] < following:
                    li += 1
                fragment = False
                if following in exact:
                    urls = urls_of(links, &li, nl, following, exact[following], verdicts, cited_url)
                else:
                    two_at_one_place = False
                    first = li
                    urls = block_links(links, &li, nl, following, verdicts, cited_url, &two_at_one_place, &fragment)
                    if two_at_one_place:
                        urls = urls_of(links, &first, nl, following, None, verdicts, cited_url)
                if urls or fragment or find_marker(text, starts[following], ends[following]) >= 0 \
                        or (attributions is not None and attributions(text, starts[following], ends[following])):
                    break  # its URLs cite the block; anything else it may cite by is left to the loop
        if not urls:
            rest.append(key)
            continue
        for item in urls:
            if item[0] not in checked:
                checked[item[0]] = item[1]
            if uses is not None and item[1].status == "primary":
                first_use(uses, item[1].url, found[0][0])
        cited += len(found)
    return cited, rest


cdef bint opens_with_symbol(str text, Py_ssize_t start, Py_ssize_t end):
    """``citations.PageCitations._note``: the block's text opens with a footnote symbol
    (``*``, ``\u2020``, ``\u2021``, ``\u00a7``, ``\u00b6``) after white space."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t i = start, n = min(end, len(text))
    cdef Py_UCS4 c
    while i < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)):
        i += 1
    if i >= n:
        return False
    c = PyUnicode_READ(kind, data, i)
    return c == 42 or c == 0x2020 or c == 0x2021 or c == 0xA7 or c == 0xB6


cdef inline void first_use(dict uses, object url, object offset) except *:
    """``uses[url] = min(uses.get(url, offset), offset)``."""
    cdef object known = uses.get(url)
    if known is None or <Py_ssize_t>known > <Py_ssize_t>offset:
        uses[url] = offset


def catalogue_uses(dict checked, dict uses):
    """What EV301 takes from a page's checked URLs ({offset: verdict}): the ids of the
    sources they are, as a set, and each primary URL's first offset put in ``uses``
    (url -> offset, kept where smaller), as ``linter._catalogue_uses`` does."""
    cdef set sources = set()
    cdef object key, verdict, source
    for key, verdict in checked.items():
        source = verdict.source
        if source:
            sources.add(source)
        if verdict.status == "primary":
            first_use(uses, verdict.url, key)
    return sources


def reference_candidates(str text, list starts, list ends):
    """The blocks that may name a references section: under 60 characters, right after a
    line break, their first character past spaces and colons the first letter (any case,
    as the expression ignores it: long s too) of a word ``citations._REFERENCES`` starts
    with. ``citations`` tests the rest."""
    cdef list found = []
    cdef Py_ssize_t i, start, end, j, count = min(len(starts), len(ends)), n = len(text)
    cdef unsigned int c
    for i in range(count):
        start = starts[i]
        end = min(<Py_ssize_t>ends[i], n)
        if start <= 0 or start > n or end - start >= 60 or text[start - 1] != u"\n":
            continue
        j = start
        while j < end and (text[j] == u" " or text[j] == u":"):
            j += 1
        if j == end:
            continue
        c = <Py_UCS4>text[j]
        if (c < 128 and INITIALS_OF_REFERENCES[c | 32 if 65 <= c <= 90 else c]) or c == 0x17F:  # ſ matches s
            found.append(i)
    return found


cdef const char** REFERENCE_NAMES = ["references", "sources", "notes", "footnotes", "endnotes", "bibliography",
                                     "citations", "works cited", "further reading", NULL]
"""The alternatives of ``citations._REFERENCES``, in its order."""


cdef inline bint folds_to(Py_UCS4 c, unsigned char letter) noexcept nogil:
    """Whether ``c`` matches the lower-case ASCII ``letter`` (or space) as the regular
    expression engine compares ignoring case: by simple lower case, and the long s and the
    dotless i, which it folds to s and i."""
    if c == letter:
        return True
    if letter == 32:
        return False
    return <Py_UCS4>Py_UNICODE_TOLOWER(c) == letter or (letter == 115 and c == 0x17F) or (letter == 105 and c == 0x131)


cdef bint names_references(str text, Py_ssize_t start, Py_ssize_t end):
    """Whether ``citations._REFERENCES.fullmatch(text[start:end].strip(" :"))`` matches."""
    cdef Py_ssize_t k, j, w
    cdef const char* name
    cdef Py_UCS4 c
    while start < end and (text[start] == u" " or text[start] == u":"):
        start += 1
    while end > start and (text[end - 1] == u" " or text[end - 1] == u":"):
        end -= 1
    k = 0
    while REFERENCE_NAMES[k] != NULL:
        name = REFERENCE_NAMES[k]
        k += 1
        j = 0
        while name[j] != 0 and start + j < end and folds_to(text[start + j], <unsigned char>name[j]):
            j += 1
        if name[j] != 0:
            continue
        w = start + j
        if w < end:
            c = text[w]
            if c == 95 or Py_UNICODE_ISALNUM(c):
                continue  # no word boundary after the name
        if end - w > 30:
            continue
        while w < end and text[w] != u"\n":
            w += 1
        if w == end:
            return True
    return False


def reference_headings(str text, list starts, list ends, list kinds):
    """The blocks that open a references section, as ``citations.PageCitations`` finds them
    in Python: :func:`reference_candidates` that are not list items or footnotes and whose
    text, spaces and colons stripped, ``citations._REFERENCES`` matches whole."""
    cdef list found = []
    cdef object kind
    cdef Py_ssize_t i
    for i in reference_candidates(text, starts, ends):
        kind = kinds[i]
        if kind != "item" and kind != "footnote" and names_references(text, starts[i], min(<Py_ssize_t>ends[i], len(text))):
            found.append(i)
    return found


cdef bint blank(int kind, const void* data, Py_ssize_t a, Py_ssize_t b) noexcept nogil:
    """Whether ``text[a:b].strip()`` is empty."""
    while a < b:
        if not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a)):
            return False
        a += 1
    return True


cdef inline bint has_text(str text, Py_ssize_t start, Py_ssize_t end):
    """Whether ``text[start:end].strip()`` is not empty (``0 <= start``)."""
    return not blank(PyUnicode_KIND(text), PyUnicode_DATA(text), start, min(end, len(text)))


cdef object lead_label(str text, Py_ssize_t start, Py_ssize_t end):
    """``citations._LEAD_LABEL``: the number a block of text opens with, as a reference
    written in a paragraph numbers itself (``[3] ...``, ``3. ...``, ``3) ...``), or None."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t i = start, a, n = min(end, len(text))
    cdef Py_UCS4 c
    cdef bint bracket
    while i < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)):
        i += 1
    bracket = i < n and PyUnicode_READ(kind, data, i) == 91
    if bracket:
        i += 1
    a = i
    while i < n and i - a < 4 and 48 <= PyUnicode_READ(kind, data, i) <= 57:
        i += 1
    if i == a or i - a > 3 or i >= n:
        return None
    c = PyUnicode_READ(kind, data, i)
    if bracket:
        return text[a:i] if c == 93 else None
    if (c == 46 or c == 41) and i + 1 < n and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i + 1)):
        return text[a:i]
    return None


def numbered_items(str text, list starts, list ends, list kinds, list containers, dict labels):
    """``citations.PageCitations.numbered_items``: (block, label) of each numbered item of
    the references sections (:func:`reference_headings`) and of each block of text an item
    without text of its own holds, in page order. ``labels``: the labels blocks define
    ({block: [label]}; ``#3`` is an ordered list's number)."""
    cdef list found = [], headings = reference_headings(text, starts, ends, kinds)
    cdef Py_ssize_t count = min(len(starts), len(ends), len(kinds), len(containers))
    cdef Py_ssize_t heading, i, number, holder, c
    cdef object kind, label, written, lead
    for heading in headings:
        number, i, label, holder = 0, heading + 1, "", -1
        while i < count:
            kind = kinds[i]
            if kind == "item" or kind == "footnote":
                number += 1
                label = str(number)
                if labels:
                    for written in labels.get(i, ()):
                        if written.startswith("#"):
                            label = written[1:]
                            break
                found.append((i, label))
                holder = -1 if has_text(text, starts[i], ends[i]) else -2
            elif has_text(text, starts[i], ends[i]):
                c = containers[i]
                lead = lead_label(text, starts[i], ends[i])
                if lead is not None:  # <p>[3] ...</p>: a reference written as a paragraph
                    label, holder = lead, -1
                elif holder == -2 and c >= 0:
                    holder = c
                elif holder < 0 or c != holder:
                    break
                found.append((i, label))
            i += 1
    return found


cdef unsigned char INITIALS_OF_REFERENCES[128]
for _c in range(128):
    INITIALS_OF_REFERENCES[_c] = 1 if chr(_c) in "rsnfebcw" else 0


cdef inline Py_UCS4 fold_lower(Py_UCS4 c) noexcept nogil:
    """A character as :func:`lower_for_search` writes it (not for İ and Σ)."""
    cdef unsigned int u = c
    if u < 128:
        return <Py_UCS4>(u + 32 if 65 <= u <= 90 else u)
    if u == 0x2019:
        return 39
    return Py_UNICODE_TOLOWER(c)


def lower_for_search(str text):
    """The lower case :func:`find_folded` reads the page in, as a whole text (a test holds
    it to ``str.lower`` on every code point): ``text.lower().replace("\u2019", "'")``, a character at a time (an ASCII letter by
    table, others by their simple lower case), or None when ``text`` holds a character
    whose lower case in ``str.lower`` is not that: İ (two characters) or Σ (ς at the end
    of a word). Same length as ``text``, so offsets in one are offsets in the other."""
    cdef Py_ssize_t n = len(text), i
    cdef Py_UCS4* out
    cdef Py_UCS4 c
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    if n == 0:
        return ""
    out = <Py_UCS4*>PyMem_Malloc(n * sizeof(Py_UCS4))
    if out == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            c = PyUnicode_READ(kind, data, i)
            if c == 0x130 or c == 0x3A3:
                return None
            out[i] = fold_lower(c)
        return PyUnicode_FromKindAndData(4, out, n)
    finally:
        PyMem_Free(out)


def tag_table():
    """The compiled readers' tag table as {name: (block kind or None, is a break, is hidden)},
    for the test that holds it to ``htmlpage``'s BLOCK_KINDS, BREAKS and HIDDEN."""
    cdef int k = 0
    cdef dict table = {}
    while TAGS[k].name != NULL:
        table[TAGS[k].name.decode("ascii")] = (
            BLOCK_KIND_NAMES[TAGS[k].kind] if TAGS[k].flags & F_BLOCK else None,
            bool(TAGS[k].flags & F_BREAK), bool(TAGS[k].flags & F_HIDDEN))
        k += 1
    return table


# where blocks stand in the source ---------------------------------------------------------
cdef inline bint probe_char(Py_UCS4 c) noexcept nogil:
    """A character ``htmlpage._PROBE`` takes: one no entity or markup can have produced."""
    cdef unsigned int u = c
    if u <= 0x1F or 0x7F <= u <= 0xFFFF:
        return False
    return not (u == 38 or u == 60 or u == 62 or u == 34 or u == 39 or u == 91 or u == 93 or Py_UNICODE_ISSPACE(c))


cdef inline bint page_probe_char(Py_UCS4 c) noexcept nogil:
    """A character ``page._PROBE`` takes: not white space, nor one of ``&<>"'[]*_`\\``."""
    cdef unsigned int u = c
    if u < 128 and (u == 38 or u == 60 or u == 62 or u == 34 or u == 39 or u == 91 or u == 93 or u == 42
                    or u == 95 or u == 96 or u == 92):
        return False
    return not Py_UNICODE_ISSPACE(c)


def offset_in_source(str text, str source, Py_ssize_t start, Py_ssize_t base, Py_ssize_t offset):
    """``Page.source_offset`` once the block is located: the block starting at page-text
    offset ``start`` stands at ``base`` in ``source``; the text at ``offset`` (up to 24
    characters ``page._PROBE`` takes) is looked up from ``base`` on, skipping as many earlier
    copies as the block holds before ``offset``; ``base + offset - start`` where there is
    nothing to look up or it is not found."""
    cdef Py_ssize_t n = len(text), b = offset, earlier, found, k
    cdef str probe
    if offset < 0 or offset > n or start > offset or base < 0:
        raise ValueError("offset_in_source: the offset must stand in the text, after its block's start")
    while b < n and b - offset < 24 and page_probe_char(text[b]):
        b += 1
    if b == offset:
        return base + offset - start
    probe = text[offset:b]
    earlier = PyUnicode_Count(text, probe, start, offset)
    found = base - 1
    for k in range(earlier + 1):
        found = PyUnicode_Find(source, probe, found + 1, len(source), 1)
        if found < 0:
            return base + offset - start
    return found


def locate_sources(str text, str source, list starts, list ends, list sources, Py_ssize_t first, Py_ssize_t upto):
    """``htmlpage.locate_blocks``'s loop for blocks ``first`` to ``upto``: each block's first
    characters past white space (up to 24 that ``_PROBE`` takes) searched for in ``source``
    after the previous block's place; ``sources`` filled in place."""
    cdef Py_ssize_t i, a, b, e, found, cursor = 0, n = len(text), size = len(source)
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef bint narrow = PyUnicode_KIND(source) == 1  # one byte a character: searched with memchr
    cdef const char* source_data = <const char*>PyUnicode_DATA(source)
    if first > 0:
        cursor = max(<Py_ssize_t>sources[first - 1], 0)
    for i in range(first, upto + 1):
        found = sources[i]
        if found >= 0:
            cursor = found
            continue
        a = starts[i]
        e = min(<Py_ssize_t>ends[i], n)
        while a < e and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a)):
            a += 1
        b = a
        while b < n and b - a < 24 and probe_char(PyUnicode_READ(kind, data, b)):
            b += 1
        if b > a:
            found = find_ascii(source_data, size, cursor, kind, data, a, b) if narrow else -2
            if found == -2:  # a wider source or a character past ASCII: Python's search
                found = PyUnicode_Find(source, text[a:b], cursor, size, 1)
            if found >= 0:
                cursor = found
        sources[i] = cursor


cdef Py_ssize_t find_ascii(const char* source, Py_ssize_t size, Py_ssize_t start, int kind, const void* data,
                           Py_ssize_t a, Py_ssize_t b) noexcept nogil:
    """Where ``text[a:b]`` (read from ``data``, of ``kind``) first stands in the one-byte
    ``source`` at ``start`` or after: -1 if nowhere, -2 if a character of it is not ASCII
    (so no byte of ``source`` compares with it as the character). The first byte is sought
    with ``memchr``, the rest compared with ``memcmp``."""
    cdef char probe[24]
    cdef Py_ssize_t length = b - a, i
    cdef Py_UCS4 c
    cdef const char* at
    cdef const char* end = source + size
    if length > 24:
        return -2
    for i in range(length):
        c = PyUnicode_READ(kind, data, a + i)
        if c >= 128:
            return -2
        probe[i] = <char>c
    at = source + start
    while end - at >= length:
        at = <const char*>memchr(at, probe[0], end - at - length + 1)
        if at == NULL:
            return -1
        if memcmp(at + 1, probe + 1, length - 1) == 0:
            return at - source
        at += 1
    return -1


ctypedef fused code_unit:
    unsigned char
    unsigned short
    unsigned int


cdef Py_ssize_t newlines(const code_unit* data, Py_ssize_t end, Py_ssize_t* last) noexcept nogil:
    """How many newlines ``data[:end]`` holds, and in ``last`` where the last one stands (-1
    if none). Counted in runs of at most 255 code units into a one-byte count, a loop the
    compiler vectorises sixteen or more units at a time (a wider count would widen every
    unit to it first)."""
    cdef Py_ssize_t i = 0, j, stop, lines = 0
    cdef unsigned char run
    while i < end:
        stop = i + 255 if end - i > 255 else end
        run = 0
        for j in range(i, stop):
            run += data[j] == 10
        lines += run
        i = stop
    i = end - 1
    while i >= 0 and data[i] != 10:
        i -= 1
    last[0] = i
    return lines


cdef Py_ssize_t first_of(const code_unit* data, Py_ssize_t start, Py_ssize_t end) noexcept nogil:
    cdef Py_ssize_t i
    cdef unsigned int c
    for i in range(start, end):
        c = data[i]
        if c < 0xB2:  # most characters: only [ is one
            if c == 91:
                return i
        elif c == 0xB9 or c == 0xB2 or c == 0xB3 or c == 0x2070 or 0x2074 <= c <= 0x2079:
            return i
    return -1


def first_marker(str text, Py_ssize_t start, Py_ssize_t end):
    """Where the first ``[`` or superscript digit (the characters a footnote marker starts
    with, ``citations._MARKER``) stands in ``text[start:end]``, or -1."""
    return find_marker(text, start, end)


cdef Py_ssize_t find_marker(str text, Py_ssize_t start, Py_ssize_t end):
    cdef Py_ssize_t n = len(text)
    start = min(max(start, 0), n)
    end = min(max(end, start), n)
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    if kind == 1:
        return first_of(<const unsigned char*>data, start, end)
    if kind == 2:
        return first_of(<const unsigned short*>data, start, end)
    return first_of(<const unsigned int*>data, start, end)


def line_and_column(str source, Py_ssize_t index):
    """The 1-based (line, column) of ``source[index]`` for ``0 <= index <= len(source)``:
    ``source.count("\\n", 0, index) + 1`` and ``index - source.rfind("\\n", 0, index)``, read
    in the string's own code units (``str.count`` reads a two-byte text one character at a
    time)."""
    cdef Py_ssize_t end = min(max(index, 0), len(source)), lines, last
    cdef int kind = PyUnicode_KIND(source)
    cdef const void* data = PyUnicode_DATA(source)
    if kind == 1:
        lines = newlines(<const unsigned char*>data, end, &last)
    elif kind == 2:
        lines = newlines(<const unsigned short*>data, end, &last)
    else:
        lines = newlines(<const unsigned int*>data, end, &last)
    return lines + 1, index - last


# sentences ----------------------------------------------------------------------------------
cdef inline bint closes_sentence(Py_UCS4 c) noexcept nogil:
    """What may follow a sentence's ``.!?`` before the spaces: ``"'”’)]``."""
    return c == 34 or c == 39 or c == 41 or c == 93 or c == 0x201D or c == 0x2019


cdef inline bint opens_sentence(Py_UCS4 c) noexcept nogil:
    """What a sentence after ``.!?`` and spaces starts with: ``[A-Z0-9"'“‘(\[$€£+−-]``."""
    if c < 128:
        return (65 <= c <= 90 or 48 <= c <= 57 or c == 34 or c == 39 or c == 40 or c == 91 or c == 36 or c == 43
                or c == 45)
    return c == 0x201C or c == 0x2018 or c == 0x20AC or c == 0xA3 or c == 0x2212


def sentences(str text, Py_ssize_t start, Py_ssize_t end, abbreviations):
    """``page.sentences``: the sentences of ``text[start:end]`` as (start, end) offsets,
    split where ``page._SENTENCE_END`` matches (``.!?``, closing quotes or brackets, spaces,
    and a character a sentence starts with; or a hard break) unless the word before the
    ``.!?`` is one of ``abbreviations`` or a single letter. The expression's engine tries a
    match at every character of the block (about 30 µs for a 600-character paragraph);
    this reads each once."""
    cdef Py_ssize_t n = len(text), i, j, stop, after, begin = start
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef list spans = []
    cdef Py_UCS4 c
    cdef str word
    if not 0 <= start <= end <= n:
        raise ValueError(f"sentences: {start}:{end} is not a span of a text of {n} characters")
    i = start
    while i < end:
        c = PyUnicode_READ(kind, data, i)
        if c == 9:
            stop = i
            after = i + 1
        elif c == 46 or c == 33 or c == 63:
            j = i + 1
            while j < end and closes_sentence(PyUnicode_READ(kind, data, j)):
                j += 1
            stop = j
            while j < end and PyUnicode_READ(kind, data, j) == 32:
                j += 1
            if j == stop or j >= end or not opens_sentence(PyUnicode_READ(kind, data, j)):
                i += 1
                continue
            after = j
            word = text[max(start, i - 8):i].rpartition(" ")[2].lower()  # rsplit's [-1]: no wraparound here
            if word in abbreviations or (len(word) == 1 and word.isalpha()):
                i = after
                continue
        else:
            i += 1
            continue
        if not blank(kind, data, begin, stop):
            spans.append((begin, stop))
        begin = i = after
    if not blank(kind, data, begin, end):
        spans.append((begin, end))
    return spans


# first occurrences of claims in the lower-cased page (EV301) ---------------------------------
DEF KEY_BITS = 12
DEF HEAD = 4


cdef inline unsigned int head_key(unsigned int last4) noexcept nogil:
    """A slot for a run's key (:func:`run_key`), hashed to KEY_BITS bits."""
    return (last4 * 2654435761u) >> (32 - KEY_BITS)


cdef unsigned char COMMONNESS[128]
"""How common each ASCII character is in English prose, roughly (space and e most; digits,
punctuation and capitals, folded away, least), for :func:`rarest_run`."""
for _c in range(128):
    COMMONNESS[_c] = 1
for _c, _w in ((32, 12), (101, 9), (116, 7), (97, 7), (111, 7), (105, 7), (110, 7), (115, 6), (104, 6), (114, 6),
               (100, 4), (108, 4), (99, 3), (117, 3), (109, 3), (119, 2), (102, 2), (103, 2), (121, 2), (112, 2),
               (98, 2), (44, 2), (46, 2)):
    COMMONNESS[_c] = _w


cdef Py_ssize_t rarest_run(const Py_UCS4* head, Py_ssize_t length, Py_ssize_t r, Py_ssize_t step) noexcept nogil:
    """Of a needle's runs of four starting at ``r``, ``r + step``, ``r + 2 step``... (all
    within it), the one whose characters are least common (:data:`COMMONNESS`; the first
    of equals). Any of them finds the needle wherever it stands: one place of every
    ``step`` read meets exactly one run of each remainder."""
    cdef Py_ssize_t k = r, best = r, i
    cdef unsigned int score, lowest = 0xFFFFFFFF
    cdef Py_UCS4 c
    while k + HEAD <= length:
        score = 0
        for i in range(k, k + HEAD):
            c = head[i]
            score += COMMONNESS[c] if c < 128 else 1
        if score < lowest:
            lowest, best = score, k
        k += step
    return best


cdef class Needles:
    """Texts to find in lower-cased pages, prepared once (:func:`find_folded` reads many
    pages for the same claims): their characters, and a table of their runs of four.

    With ``m`` the shortest needle's length, every needle has, within its first ``m``
    characters, a run of four that ends at one of every ``step`` places of a text where it
    stands, for any ``step`` up to ``m - 3``. ``step`` is that, but at most what keeps the
    runs in the table (``step`` a needle) to half its slots. A place read is ``step`` after
    the last, so what counts is a run's place in the needle modulo ``step``: for each of the
    ``step`` remainders one run is put in the slot its hash gives, with where it stands in
    the needle, and of a long needle's several runs with that remainder the one of the
    rarest characters (:func:`rarest_run`): a common run (" the") would send many places
    of the text to a comparison that fails."""

    cdef readonly list texts
    cdef Py_UCS4* chars  # every needle's characters, one after another
    cdef Py_ssize_t* starts  # needle j: chars[starts[j]:starts[j] + lengths[j]]
    cdef Py_ssize_t* lengths
    cdef Py_ssize_t count, step, entries
    cdef bint short  # a needle shorter than four characters: left to str.find
    cdef int* entry_needle  # entry -> needle
    cdef int* entry_offset  # entry -> where its run of four starts in the needle
    cdef int* next_same  # entry -> next entry in the same slot, or -1
    cdef unsigned int* entry_key  # entry -> its run of four (8 bits a character)
    cdef int first[1 << KEY_BITS]  # slot -> entry + 1 (0: none)

    def __cinit__(self, list texts):
        cdef Py_ssize_t j, k, r, i, e = 0, m = -1, total = 0, length
        cdef unsigned int last4, slot
        cdef Py_UCS4* head
        self.texts = list(texts)
        self.count = len(self.texts)
        memset(self.first, 0, sizeof(self.first))
        for j in range(self.count):
            length = len(<str?>self.texts[j])  # a TypeError for anything else
            total += length
            m = length if m < 0 else min(m, length)
        self.short = self.count > 0 and m < HEAD
        self.step = max(1, min(m - HEAD + 1, (1 << (KEY_BITS - 1)) // self.count)) if self.count and not self.short else 1
        self.entries = self.count * self.step if not self.short else 0
        self.chars = <Py_UCS4*>PyMem_Malloc((total + 1) * sizeof(Py_UCS4))
        self.starts = <Py_ssize_t*>PyMem_Malloc((self.count + 1) * sizeof(Py_ssize_t))
        self.lengths = <Py_ssize_t*>PyMem_Malloc((self.count + 1) * sizeof(Py_ssize_t))
        self.entry_needle = <int*>PyMem_Malloc((self.entries + 1) * sizeof(int))
        self.entry_offset = <int*>PyMem_Malloc((self.entries + 1) * sizeof(int))
        self.next_same = <int*>PyMem_Malloc((self.entries + 1) * sizeof(int))
        self.entry_key = <unsigned int*>PyMem_Malloc((self.entries + 1) * sizeof(unsigned int))
        if (self.chars == NULL or self.starts == NULL or self.lengths == NULL or self.entry_needle == NULL
                or self.entry_offset == NULL or self.next_same == NULL or self.entry_key == NULL):
            raise MemoryError()
        total = 0
        for j in range(self.count):
            length = len(<str>self.texts[j])
            head = self.chars + total
            for i in range(length):
                head[i] = (<str>self.texts[j])[i]
            self.starts[j] = total
            self.lengths[j] = length
            total += length
            if self.short:
                continue
            for r in range(self.step):
                k = rarest_run(head, length, r, self.step)
                last4 = 0
                for i in range(HEAD):
                    last4 |= ((<unsigned int>head[k + i] & 0xFF) | 0x20) << (8 * i)
                slot = head_key(last4)
                self.entry_needle[e] = <int>j
                self.entry_offset[e] = <int>k
                self.entry_key[e] = last4
                self.next_same[e] = self.first[slot] - 1
                self.first[slot] = <int>(e + 1)
                e += 1

    def __dealloc__(self):
        PyMem_Free(self.chars)
        PyMem_Free(self.starts)
        PyMem_Free(self.lengths)
        PyMem_Free(self.entry_needle)
        PyMem_Free(self.entry_offset)
        PyMem_Free(self.next_same)
        PyMem_Free(self.entry_key)


cdef bint lowers_apart(const code_unit* data, Py_ssize_t n) noexcept nogil:
    """Whether ``data[:n]`` holds İ or Σ, the two characters :func:`fold_lower` cannot
    lower as ``str.lower`` does (one becomes two characters, the other depends on the
    next). Read in runs of 256 with no branch inside, a loop the compiler vectorises (the
    two ``str.find`` it replaces took 3 µs a benchmark page: the low byte of İ is "0")."""
    cdef Py_ssize_t i = 0, j, stop
    cdef unsigned int seen
    while i < n:
        stop = i + 256 if n - i > 256 else n
        seen = 0
        for j in range(i, stop):
            seen |= (data[j] == 0x130) | (data[j] == 0x3A3)
        if seen:
            return True
        i = stop
    return False


cdef inline unsigned int key_byte(unsigned int u) noexcept nogil:
    """A character's part of a run's key: its folded form's low 8 bits with 0x20 set."""
    if u >= 128:
        u = <unsigned int>fold_lower(<Py_UCS4>u)
    return (u & 0xFF) | 0x20


cdef inline unsigned int run_key(const code_unit* p) noexcept nogil:
    """The key of the four characters at ``p`` (the first in the lowest byte): each one's
    :func:`key_byte`. Setting 0x20 lower-cases an ASCII letter and leaves every other ASCII
    character as folding does, so a run of ASCII is keyed without folding, in one step; a
    needle's run (folded already) is keyed the same way, and a text run folding to it
    gets its key. Runs alike but for 0x20 share keys: the comparison that follows tells
    them apart."""
    cdef unsigned int a = p[0], b = p[1], c = p[2], d = p[3]
    if (a | b | c | d) < 128:
        return (a | (b << 8) | (c << 16) | (d << 24)) | 0x20202020u
    return key_byte(a) | (key_byte(b) << 8) | (key_byte(c) << 16) | (key_byte(d) << 24)


cdef void sample_needles(const code_unit* data, Py_ssize_t n, Needles prepared, Py_ssize_t* found) noexcept:
    """:func:`find_folded`'s reading of the text, one loop for each width of character: one
    place of every ``step``, the key of its last four characters (:func:`run_key`) looked
    up; each run found there compared whole at the start it implies."""
    cdef Py_ssize_t q = HEAD - 1, i, j, e, start, length, step = prepared.step
    cdef const int* first = prepared.first
    cdef const int* entry_needle = prepared.entry_needle
    cdef const int* entry_offset = prepared.entry_offset
    cdef const int* next_same = prepared.next_same
    cdef const unsigned int* entry_key = prepared.entry_key
    cdef const Py_UCS4* head
    cdef unsigned int last4
    while q < n:
        last4 = run_key(data + q - (HEAD - 1))
        e = first[head_key(last4)] - 1
        while e >= 0:
            if entry_key[e] != last4:  # another run in the same slot
                e = next_same[e]
                continue
            j = entry_needle[e]
            start = q - (HEAD - 1) - entry_offset[e]
            length = prepared.lengths[j]
            if start >= 0 and start + length <= n and (found[j] == -1 or start < found[j]):
                head = prepared.chars + prepared.starts[j]
                i = 0
                while i < length and fold_lower(<Py_UCS4>data[start + i]) == head[i]:
                    i += 1
                if i == length:
                    found[j] = start
            e = next_same[e]
        q += step


def find_folded(str text, object needles):
    """``[lower_for_search(text).find(needle) for needle in needles]`` without writing the
    lower-cased text, and without reading all of it: only one of every ``step`` places of
    the text is read (the key of its last four characters, :func:`run_key`, looked up; see
    :class:`Needles`); where the key is one of a needle's runs, the needle is compared
    whole at the start that run implies, and the smallest start that matches is its
    answer. ``needles`` is a list of strs or, prepared once for many texts, a
    :class:`Needles`. None where that is not the answer: when ``text`` holds İ or Σ
    (:func:`lower_for_search` gives None) or a needle is shorter than four characters
    (left to ``str.find``)."""
    cdef Needles prepared = needles if isinstance(needles, Needles) else Needles(<list?>needles)
    cdef Py_ssize_t n = len(text), count = prepared.count, j
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t* found = NULL
    if prepared.short:
        return None
    if text is KEPT_TEXT and not KEPT_BUSY and KEPT.n == n:  # the page just read: the reader saw every character
        if KEPT.unfoldable:
            return None
    elif (kind == 2 and lowers_apart(<const unsigned short*>data, n)) or (
            kind == 4 and lowers_apart(<const unsigned int*>data, n)):
        return None
    if count == 0 or n < HEAD:
        return [-1] * count
    found = <Py_ssize_t*>PyMem_Malloc(count * sizeof(Py_ssize_t))
    if found == NULL:
        raise MemoryError()
    try:
        for j in range(count):
            found[j] = -1
        if kind == 1:
            sample_needles(<const unsigned char*>data, n, prepared, found)
        elif kind == 2:
            sample_needles(<const unsigned short*>data, n, prepared, found)
        else:
            sample_needles(<const unsigned int*>data, n, prepared, found)
        return [found[j] for j in range(count)]
    finally:
        PyMem_Free(found)


# names of sources in a block (index.SourceIndex.attributions) -------------------------------
cdef inline bint token_alnum(Py_UCS4 c) noexcept nogil:
    """``[A-Za-z0-9]``: what a token starts with."""
    cdef unsigned int u = c
    return 48 <= u <= 57 or 65 <= u <= 90 or 97 <= u <= 122


cdef inline bint token_end_char(Py_UCS4 c) noexcept nogil:
    """``[A-Za-z0-9*]``: what a token of more than one character ends with."""
    return token_alnum(c) or c == 42


cdef inline bint token_inner(Py_UCS4 c) noexcept nogil:
    """``[A-Za-z0-9*'\u2019.-]``: what a token holds between its first and last characters."""
    return token_end_char(c) or c == 39 or c == 0x2019 or c == 46 or c == 45


cdef bint token_is(int kind, const void* data, Py_ssize_t a, Py_ssize_t b, str word, bint prefix) noexcept:
    """Whether the token ``text[a:b]``, ``and`` read as ``&``, is ``word`` (or, with
    ``prefix``, starts with it)."""
    cdef Py_ssize_t length = len(word), i
    cdef int wkind = PyUnicode_KIND(word)
    cdef const void* wdata = PyUnicode_DATA(word)
    if length == 1 and PyUnicode_READ(wkind, wdata, 0) == 38 and b - a == 3 and PyUnicode_READ(kind, data, a) == 97 \
            and PyUnicode_READ(kind, data, a + 1) == 110 and PyUnicode_READ(kind, data, a + 2) == 100:
        return True  # "and" is "&"
    if b - a != length and not (prefix and b - a > length):
        return False
    for i in range(length):
        if PyUnicode_READ(kind, data, a + i) != PyUnicode_READ(wkind, wdata, i):
            return False
    return True


cdef bint all_digits(str word) noexcept:
    """``word.isdigit()`` for a word of ``_TOKEN`` (ASCII)."""
    cdef Py_ssize_t i, n = len(word)
    cdef Py_UCS4 c
    if n == 0:
        return False
    for i in range(n):
        c = word[i]
        if not Py_UNICODE_ISDIGIT(c):
            return False
    return True


def name_places(str text, Py_ssize_t start, Py_ssize_t end, dict names):
    """``index.SourceIndex.attributions``'s loop: the names of ``names`` (first word ->
    [(name's words, ids)], longest first) standing in ``text[start:end]``, as (start, end,
    ids), read in one pass over ``_TOKEN``'s tokens (``and`` read as ``&``) kept as places,
    not strs. A str is made only of a token whose first character starts a name."""
    cdef Py_ssize_t n = len(text), p, q, r, count = 0, capacity = 0, i, k, size, after = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t* places = NULL  # token i: places[2i] to places[2i + 1]
    cdef Py_ssize_t* grown
    cdef unsigned char initials[128]
    cdef Py_UCS4 c
    cdef object key, entries, entry
    cdef tuple name
    cdef list found = []
    cdef bint same
    end = min(end, n)
    start = max(start, 0)
    if not names or start >= end:
        return found
    memset(initials, 0, sizeof(initials))
    for key in names:
        if isinstance(key, str) and len(<str>key) > 0:
            c = (<str>key)[0]
            if c < 128:
                initials[c] = 1
    if initials[38]:
        initials[97] = 1  # "and" is "&"
    try:
        p = start
        while p < end:
            c = PyUnicode_READ(kind, data, p)
            if token_alnum(c):
                q = p + 1
                while q < end and token_inner(PyUnicode_READ(kind, data, q)):
                    q += 1
                r = q
                while r > p + 1 and not token_end_char(PyUnicode_READ(kind, data, r - 1)):
                    r -= 1
            elif c == 38:
                r = p + 1
            else:
                p += 1
                continue
            if count == capacity:
                capacity = capacity * 2 if capacity else 64
                grown = <Py_ssize_t*>PyMem_Realloc(places, 2 * capacity * sizeof(Py_ssize_t))
                if grown == NULL:
                    raise MemoryError()
                places = grown
            places[2 * count] = p
            places[2 * count + 1] = r
            count += 1
            p = r
        for i in range(count):
            if i < after:
                continue
            p, r = places[2 * i], places[2 * i + 1]
            c = PyUnicode_READ(kind, data, p)
            if not initials[c]:
                continue
            key = "&" if (r - p == 3 and c == 97 and PyUnicode_READ(kind, data, p + 1) == 110
                          and PyUnicode_READ(kind, data, p + 2) == 100) else text[p:r]
            entries = names.get(key)
            if entries is None:
                continue
            for entry in entries:
                name = entry[0]
                size = len(name)
                if size == 0 or i + size > count:
                    continue
                same = token_is(kind, data, places[2 * (i + size - 1)], places[2 * (i + size - 1) + 1], <str>name[size - 1],
                                False)
                if not same and all_digits(<str>name[size - 1]):  # "Report 20252030": a number glued on
                    same = token_is(kind, data, places[2 * (i + size - 1)], places[2 * (i + size - 1) + 1],
                                    <str>name[size - 1], True)
                k = 0
                while same and k < size - 1:
                    same = token_is(kind, data, places[2 * (i + k)], places[2 * (i + k) + 1], <str>name[k], False)
                    k += 1
                if same:
                    found.append((p, places[2 * (i + size - 1) + 1], entry[1]))
                    after = i + size
                    break
    finally:
        PyMem_Free(places)
    return found


# EV301 on a page (order.place_claims and order.order_findings) -------------------------------
cdef extern from "stdlib.h":
    void qsort(void* base, size_t count, size_t size, int (*compare)(const void*, const void*) noexcept nogil) nogil


cdef int by_key(const void* a, const void* b) noexcept nogil:
    cdef uint64_t x = (<const uint64_t*>a)[0], y = (<const uint64_t*>b)[0]
    return (x > y) - (x < y)


def claim_order(list firsts, list urls, list ranks, dict first_url):
    """``order.order_findings(order.place_claims(...))`` for claims given by index: the
    i-th (claims in id order) stands at ``firsts[i]`` (where its text first stands; -1
    for nowhere), else at ``first_url[urls[i]]`` (its primary URL's first use; ``urls[i]``
    None for none); ``ranks[i]`` is its evidence's rank (smaller: stronger). Returns the
    pairs (stronger claim shown later, weaker claim shown before it) as (index, offset,
    index, offset). Claims placed at one offset count, as the definition counts them, as
    the strongest of them when they come first and as the weakest when they come after.
    None for more than 2**24 claims (the definition's to do)."""
    cdef Py_ssize_t n = len(ranks), i, j, k, placed = 0, strongest, weakest_here, weakest = -1
    cdef Py_ssize_t offset, first_offset = -1
    cdef object url, known
    cdef uint64_t* keys = NULL
    cdef list found = []
    if len(firsts) != n or len(urls) != n:
        raise ValueError("firsts, urls and ranks differ in length")
    if n >= (1 << 24):
        return None
    if n == 0:
        return found
    keys = <uint64_t*>PyMem_Malloc(n * sizeof(uint64_t))
    if keys == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            offset = firsts[i]
            if offset < 0 and urls[i] is not None:
                known = first_url.get(urls[i])
                if known is not None:
                    offset = known
            if offset >= 0:
                if offset >= (1 << 39):
                    raise ValueError("an offset past 2**39")
                keys[placed] = (<uint64_t>offset << 24) | <uint64_t>i  # by offset, then claim id
                placed += 1
        qsort(keys, placed, sizeof(uint64_t), by_key)
        i = 0
        while i < placed:  # the claims of one place as one group
            j = i + 1
            while j < placed and keys[j] >> 24 == keys[i] >> 24:
                j += 1
            strongest = weakest_here = <Py_ssize_t>(keys[i] & 0xFFFFFF)
            for k in range(i + 1, j):  # by (rank, id): the ids ascend within a group
                if <Py_ssize_t>ranks[keys[k] & 0xFFFFFF] < <Py_ssize_t>ranks[strongest]:
                    strongest = keys[k] & 0xFFFFFF
                if <Py_ssize_t>ranks[keys[k] & 0xFFFFFF] >= <Py_ssize_t>ranks[weakest_here]:
                    weakest_here = keys[k] & 0xFFFFFF
            offset = <Py_ssize_t>(keys[i] >> 24)
            i = j
            if weakest >= 0 and <Py_ssize_t>ranks[weakest_here] < <Py_ssize_t>ranks[weakest]:
                found.append((weakest_here, offset, weakest, first_offset))
            if weakest < 0 or <Py_ssize_t>ranks[strongest] > <Py_ssize_t>ranks[weakest]:
                weakest, first_offset = strongest, offset
    finally:
        PyMem_Free(keys)
    return found
