import Foundation
import SamtalCore
import Yams

/// Reads a YAML document as a tree of nodes that remember their `file:line:column`, so that the
/// codebook and gazetteer loaders can point at the exact place of a mistake.
struct YAMLNodes {
    let file: String

    /// The root node of `text`, or a located `parseError`.
    func root(_ text: String) throws -> Node {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw SamtalError(.emptyInput, "\(file) is empty", location: SourceLocation(file: file))
            }
            return node
        } catch let error as YamlError {
            throw SamtalError(.parseError, "not valid YAML", location: location(of: error),
                              underlying: Self.problem(error))
        }
    }

    func location(_ node: Node?) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line, column: node?.mark?.column)
    }

    func fail(_ node: Node?, _ message: String, hint: String? = nil) -> SamtalError {
        SamtalError(.parseError, message, hint: hint, location: location(node))
    }

    /// The key/value pairs of a mapping, rejecting keys outside `allowed` (typos are errors).
    func mapping(_ node: Node, _ what: String, allowed: Set<String>) throws -> [String: Node] {
        guard let map = node.mapping else { throw fail(node, "\(what) must be a mapping (key: value)") }
        var out: [String: Node] = [:]
        for (k, v) in map {
            guard let key = k.scalar?.string else { throw fail(k, "keys in \(what) must be text") }
            guard allowed.contains(key) else {
                throw fail(k, "unknown key '\(key)' in \(what)",
                           hint: "allowed keys: \(allowed.sorted().joined(separator: ", "))")
            }
            out[key] = v
        }
        return out
    }

    func string(_ node: Node?, _ what: String) throws -> String {
        guard let node else { throw fail(nil, "\(what) is missing") }
        guard let s = node.scalar?.string else { throw fail(node, "\(what) must be text") }
        return s
    }

    func requiredString(_ map: [String: Node], _ key: String, in what: String, at owner: Node)
        throws -> String {
        guard let node = map[key] else { throw fail(owner, "\(what) has no '\(key)'") }
        let s = try string(node, "'\(key)' of \(what)").trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty { throw fail(node, "'\(key)' of \(what) is empty") }
        return s
    }

    /// A list of strings (a YAML sequence of scalars), with the node of each entry.
    func strings(_ node: Node?, _ what: String) throws -> [(String, Node)] {
        guard let node else { return [] }
        if node.scalar?.string == "" || node.null != nil { return [] }
        guard let seq = node.sequence else { throw fail(node, "\(what) must be a list, e.g. [a, b]") }
        return try seq.map { item in
            guard let s = item.scalar?.string else { throw fail(item, "entries of \(what) must be text") }
            return (s.trimmingCharacters(in: .whitespacesAndNewlines), item)
        }
    }

    private func location(of error: YamlError) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        default:
            return SourceLocation(file: file)
        }
    }

    private static func problem(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: ": ")
        default:
            return "\(error)"
        }
    }
}

/// Reads a UTF-8 text file, or throws `fileNotFound`.
func readTextFile(_ path: String) throws -> String {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
        throw SamtalError(.fileNotFound, "\(path) does not exist")
    }
    if isDir.boolValue { throw SamtalError(.isDirectory, "\(path) is a directory, not a file") }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw SamtalError(.permissionDenied, "cannot read \(path)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw SamtalError(.corruptInput, "\(path) is not UTF-8 text",
                          location: SourceLocation(file: path))
    }
    return text
}
