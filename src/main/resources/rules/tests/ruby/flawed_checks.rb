# Prefix containment without a separator (rules/removed-protection.yml, flawed_checks.*):
# File.expand_path strips the trailing separator, so "/srv/app2" starts with "/srv/app".
class Directory
  def initialize(root)
    @root = ::File.expand_path(root)
    @root_with_separator = "#{@root}#{::File::SEPARATOR}"
  end

  def forbidden?(path_info)
    # ruleid: path_traversal
    return false if ::File.expand_path(::File.join(@root, path_info)).start_with?(@root)
    # ok: path_traversal
    return false if ::File.expand_path(::File.join(@root, path_info)).start_with?(@root_with_separator)
    true
  end
end
