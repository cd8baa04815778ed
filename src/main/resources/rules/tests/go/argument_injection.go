// Argument injection (CWE-88): a value after constant git arguments with no "--" first
// (rules/removed-protection.yml, argument_injection.*; git-scm.com/docs/gitcli --end-of-options).
package repo

import "os/exec"

func deleteTag(dir, tag string) error {
	// ruleid: command_injection
	cmd := exec.Command("git", "tag", "-d", tag)
	cmd.Dir = dir
	return cmd.Run()
}

func merge(dir, branch string) error {
	// ok: command_injection
	cmd := exec.Command("git", "merge", "--no-ff", "--end-of-options", branch)
	cmd.Dir = dir
	return cmd.Run()
}
