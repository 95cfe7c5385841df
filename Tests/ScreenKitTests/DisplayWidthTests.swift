import Testing
@testable import ScreenKit

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneColumnAndControlsZero() {
        #expect(DisplayWidth.of("a" as Character) == 1)
        #expect(DisplayWidth.of("~" as Character) == 1)
        #expect(DisplayWidth.of("\u{1B}" as Character) == 0)
        #expect(DisplayWidth.of("\u{7F}" as Character) == 0)
        #expect(DisplayWidth.of("\u{85}" as Character) == 0)
        #expect(DisplayWidth.of("Hello, world") == 12)
    }

    @Test func cjkAndFullwidthAreTwo() {
        #expect(DisplayWidth.of("漢" as Character) == 2)
        #expect(DisplayWidth.of("字" as Character) == 2)
        #expect(DisplayWidth.of("か" as Character) == 2)
        #expect(DisplayWidth.of("カ" as Character) == 2)
        #expect(DisplayWidth.of("Ａ" as Character) == 2)       // fullwidth A
        #expect(DisplayWidth.of("ｶ" as Character) == 1)        // halfwidth katakana
        #expect(DisplayWidth.of("𠀋" as Character) == 2)       // plane 2 ideograph
        #expect(DisplayWidth.of("東京タワー") == 10)
        #expect(DisplayWidth.of("李小龍 Bruce") == 12)
    }

    @Test func hangulSyllablesAndJamo() {
        #expect(DisplayWidth.of("한" as Character) == 2)
        #expect(DisplayWidth.of("한국어") == 6)
        // Conjoining jamo L+V+T form one cluster of width 2.
        #expect(DisplayWidth.of("\u{1112}\u{1161}\u{11AB}" as Character) == 2)
    }

    @Test func combiningMarksAddNothing() {
        #expect(DisplayWidth.of("e\u{301}" as Character) == 1)
        #expect(DisplayWidth.of("Zoe\u{308}") == 3)
        #expect(DisplayWidth.of("a\u{300}\u{301}\u{302}\u{303}" as Character) == 1)
        #expect(DisplayWidth.of("\u{301}" as Character) == 0)   // lone combining mark
    }

    @Test func formatCharactersAreZero() {
        #expect(DisplayWidth.of("\u{200D}" as Character) == 0)  // ZWJ alone
        #expect(DisplayWidth.of("\u{200B}" as Character) == 0)  // zero width space
        #expect(DisplayWidth.of("\u{202E}" as Character) == 0)  // RLO
        #expect(DisplayWidth.of("\u{FE0F}" as Character) == 0)  // VS16 alone
    }

    @Test func emojiPresentationIsTwo() {
        #expect(DisplayWidth.of("😀" as Character) == 2)
        #expect(DisplayWidth.of("❤\u{FE0F}" as Character) == 2)   // text-default emoji + VS16
        #expect(DisplayWidth.of("❤" as Character) == 1)           // text presentation by default
        #expect(DisplayWidth.of("⌚\u{FE0E}" as Character) == 2)   // wide even in text style
        #expect(DisplayWidth.of("☺\u{FE0E}" as Character) == 1)
        #expect(DisplayWidth.of("👍🏽" as Character) == 2)         // modifier sequence
        #expect(DisplayWidth.of("1\u{FE0F}\u{20E3}" as Character) == 2) // keycap
        #expect(DisplayWidth.of("1" as Character) == 1)
    }

    @Test func zwjSequencesAndFlagsAreTwo() {
        let family: Character = "👨\u{200D}👩\u{200D}👧\u{200D}👦"
        #expect(DisplayWidth.of(family) == 2)
        #expect(DisplayWidth.of("🏳\u{FE0F}\u{200D}🌈" as Character) == 2)
        #expect(DisplayWidth.of("🇫🇷" as Character) == 2)
        #expect(DisplayWidth.of("🇯🇵🇫🇷") == 4)
        #expect(DisplayWidth.of("🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}" as Character) == 2)
    }

    @Test func ambiguousAndOtherScriptsAreOne() {
        #expect(DisplayWidth.of("é" as Character) == 1)
        #expect(DisplayWidth.of("ß" as Character) == 1)
        #expect(DisplayWidth.of("Ж" as Character) == 1)
        #expect(DisplayWidth.of("א" as Character) == 1)
        #expect(DisplayWidth.of("…" as Character) == 1)
        #expect(DisplayWidth.of("█" as Character) == 1)
        #expect(DisplayWidth.of("─" as Character) == 1)
    }
}
