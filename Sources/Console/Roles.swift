import BadgeCore
import ScreenKit

/// Inside Console, `Role` is the screen's semantic colour role; the operator's role is
/// `OperatorRole` (BadgeCore's `Role`, SPEC §7).
typealias Role = ScreenKit.Role
public typealias OperatorRole = BadgeCore.Role
