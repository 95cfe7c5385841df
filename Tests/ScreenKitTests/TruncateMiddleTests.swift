import Testing
import ScreenKit

@Suite struct TruncateMiddleTests {
    @Test func keepsTheEndThatTellsNamesApart() {
        let day1 = Text.truncateMiddle("Security Camp 2026 — Day 1", width: 19, tail: 9)
        let day2 = Text.truncateMiddle("Security Camp 2026 — Day 2", width: 19, tail: 9)
        #expect(day2 == "Security …6 — Day 2")
        #expect(day1 != day2 && DisplayWidth.of(day1) == 19)
        #expect(Text.truncateMiddle("Short", width: 19, tail: 9) == "Short")
        #expect(DisplayWidth.of(Text.truncateMiddle("東京ミートアップ 2026 — 二日目", width: 15, tail: 6)) <= 15)
    }
}
