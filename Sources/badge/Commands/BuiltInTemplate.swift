/// The badge used when an event has no template that applies (SPEC §6 "Default"): so a desk can
/// print on event day before anyone has set templates up. Format: Sources/Printing/Printing.docc/TEMPLATE_FORMAT.md.
enum BuiltInTemplate {
    static let name = "Built-in default"

    static let text = """
    name "Built-in default"
    size 4x3in
    field vip_ribbon text="VIP" x=0 y=0 w=4 h=0.4 size=14 bold color=white fill=#B8860B align=center
    field name       x=0.2 y=0.55 w=3.6 h=0.9 size=34 min=14 lines=2 bold align=center
    field company    x=0.2 y=1.5  w=2.5 h=0.4 size=16 min=8
    field job_title  x=0.2 y=1.9  w=2.5 h=0.3 size=11 min=7 color=#555555
    field pronouns   x=0.2 y=2.2  w=2.5 h=0.3 size=10 min=7 color=#555555
    qr x=2.9 y=1.5 size=0.95
    field ticket_name x=0 y=2.6 w=4 h=0.4 size=14 min=8 bold align=center fill=#E8EDF3
    """
}
