import Foundation

/// The pools the dataset draws people from: international names by culture, a few special ones
/// (very long, emoji, hostile control sequences), companies, job titles and ticket types.
enum NameBook {
    struct Culture {
        let first: [String]
        let last: [String]
        /// Family name first with no separator (Chinese, Japanese, Korean).
        let familyFirst: Bool
        let weight: Int
    }

    static let cultures: [Culture] = [
        Culture(first: ["James", "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia", "Mason", "Isabella",
                        "Lucas", "Mia", "Henry", "Charlotte", "Jack", "Amelia", "Owen", "Harper", "Leo", "Grace"],
                last: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor",
                       "Anderson", "Thomas", "Moore", "Martin", "Clark", "Lewis", "Walker", "Hall", "O'Brien",
                       "Young", "King"], familyFirst: false, weight: 30),
        Culture(first: ["José", "María", "Sofía", "Martín", "Lucía", "Andrés", "Inés", "Raúl", "Zoë", "François",
                        "Hélène", "Jürgen", "Björn", "Åsa", "Søren", "Chloé", "Renée", "Ñuño", "Joël", "Agnès"],
                last: ["García", "Müller", "Schröder", "Núñez", "Lefèvre", "Ødegaard", "Çelik", "Dvořák",
                       "Łukasiewicz", "Pérez", "Gonçalves", "Strauß", "Fernández", "Håkansson", "Kovačević",
                       "Nowak", "Bianchi", "Rossi", "Dubois", "van der Berg"], familyFirst: false, weight: 25),
        Culture(first: ["Иван", "Мария", "Алексей", "Ольга", "Дмитрий", "Анна", "Сергей", "Екатерина"],
                last: ["Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова"],
                familyFirst: false, weight: 6),
        Culture(first: ["Γιώργος", "Μαρία", "Νίκος", "Ελένη", "Δημήτρης", "Κατερίνα"],
                last: ["Παπαδόπουλος", "Παπαδοπούλου", "Γεωργίου", "Οικονόμου", "Νικολάου", "Αντωνίου"],
                familyFirst: false, weight: 4),
        Culture(first: ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋"],
                last: ["王", "李", "张", "刘", "陈", "杨", "黄", "赵"], familyFirst: true, weight: 6),
        Culture(first: ["翔太", "さくら", "大輔", "美咲", "健", "陽菜"],
                last: ["佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤"], familyFirst: true, weight: 4),
        Culture(first: ["민준", "서연", "지훈", "하은", "도윤", "지우"],
                last: ["김", "이", "박", "최", "정", "강"], familyFirst: true, weight: 3),
        Culture(first: ["محمد", "فاطمة", "أحمد", "مريم", "علي", "ليلى"],
                last: ["الحسن", "العلي", "منصور", "حداد", "خوري", "سعيد"], familyFirst: false, weight: 4),
        Culture(first: ["דוד", "שרה", "יוסף", "רחל", "אברהם", "מיכל"],
                last: ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם"], familyFirst: false, weight: 3),
        Culture(first: ["Aarav", "Priya", "Vivaan", "Ananya", "Ishaan", "Diya", "Kwame", "Amara", "Chinedu", "Zanele"],
                last: ["Patel", "Sharma", "Iyer", "Reddy", "Okafor", "Mensah", "Nkosi", "Adeyemi", "Banerjee", "Mbeki"],
                familyFirst: false, weight: 12),
    ]

    /// Whole names used rarely: emoji, very long, and hostile ones (control characters and
    /// terminal escape sequences that a console must neutralise).
    static let specials: [(first: String, last: String)] = [
        ("Zoë 🦄", "Stardust"),
        ("Ana 🎉", "Party"),
        ("👩‍💻", "Dev"),
        ("Maximilian Alexander Konstantin", "von Hohenzollern-Sigmaringen-Wittelsbach-Habsburg-Lothringen"),
        ("Wolfeschlegelsteinhausenbergerdorff", "Hubert Blaine Wolfeschlegelsteinhausenbergerdorff Sr."),
        ("Evil\u{1B}]0;pwned\u{07}", "Title"),
        ("Clear\u{1B}[2J", "Screen"),
        ("Bell\u{07}\u{07}", "Ringer"),
        ("Red\u{1B}[31m", "Text\u{1B}[0m"),
        ("Tab\there", "New\nLine"),
        ("Right\u{202E}to", "Left"),
        ("Null\u{0}Byte", "Backspace\u{08}\u{08}"),
    ]

    static let companies: [String] = [
        "Acme Corp", "Globex", "Initech", "Umbrella Labs", "Hooli", "Stark Industries", "Wayne Enterprises",
        "Nordisk Data ApS", "Société Générale des Logiciels", "Müller & Söhne GmbH", "Café Olé S.L.",
        "Яндекс", "株式会社サンプル", "阿里巴巴", "삼성전자", "شركة المستقبل", "Δέλτα Λογισμικό", "Teva",
        "Pied Piper", "Vandelay Industries", "Soylent", "Tyrell Corporation", "Cyberdyne Systems",
        "Massive Dynamic", "Oscorp", "Aperture Science", "Black Mesa", "Wonka Industries",
        "The Very Long Name International Holdings Corporation of Greater Metropolitan Area LLC", "Freelance",
    ]

    static let jobTitles: [String] = [
        "Software Engineer", "Senior Software Engineer", "Engineering Manager", "CTO", "CEO", "Founder",
        "Product Manager", "Designer", "Data Scientist", "Developer Advocate", "Student", "Researcher",
        "Marketing Lead", "Sales Director", "iOS Developer", "Site Reliability Engineer", "Ingénieure",
        "Entwicklerin", "Разработчик", "エンジニア", "Journalist", "Consultant", "Head of Partnerships",
        "VP Engineering", "Intern", "Community Manager",
    ]

    /// Ticket types with relative weights (index order is stable: ids derive from it).
    static let tickets: [(name: String, weight: Int, price: Int)] = [
        ("General Admission", 60, 19_900), ("VIP", 6, 79_900), ("Speaker", 3, 0),
        ("Student", 15, 4_900), ("Founder Pass", 10, 49_900), ("Staff", 2, 0),
    ]

    static let eventNames: [String] = [
        "Swift Summit", "Nordic Data Days", "Open Source Festival", "Cloud Native Forum", "Design Systems Week",
        "Founders Meetup", "AI Builders Conference", "Rust & Friends", "Frontend Fiesta", "Security Camp",
    ]

    static let emailDomains = ["example.com", "example.org", "example.net", "mail.example", "corp.example"]

    static let totalCultureWeight = cultures.reduce(0) { $0 + $1.weight }
    static let totalTicketWeight = tickets.reduce(0) { $0 + $1.weight }

    /// Lower-case ASCII slugs of every first/last name for e-mail local parts ("guest" when the
    /// script has no Latin form).
    static let firstSlugs: [[String]] = cultures.map { $0.first.map(slug) }
    static let lastSlugs: [[String]] = cultures.map { $0.last.map(slug) }
    static let specialSlugs: [String] = specials.map { slug($0.first) }

    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let kept = folded.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic) }
        let out = String(String.UnicodeScalarView(kept)).lowercased()
        return out.isEmpty ? "guest" : out
    }
}
