# build.ps1 as the README has an admin type it, in a child process: under pwsh -File (dotnet pwsh ./build.ps1 ...)
# the comma list -EmulatorArgument '--scim-token','t' arrives as the one argument '--scim-token,t'.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
    $repoRoot = Split-Path (Split-Path $PSScriptRoot)
}

Describe 'build.ps1 -Task Emulator -EmulatorArgument' {
    It 'starts the emulator with -EmulatorArgument ''--scim-token'',''t'' as the README has it' {
        $token = 'readme-token-7Qx'
        # What a shell hands to pwsh -File for: -EmulatorArgument '--scim-token','readme-token-7Qx'
        $child = Start-ChildPwsh -ReadOutputLines -ArgumentList '-File', (Join-Path $repoRoot 'build.ps1'), '-Task', 'Emulator', '-NoBuild', '-EmulatorArgument', "--scim-token,$token"
        try {
            $address = $null
            $reader = $child.Process.StandardOutput
            $seen = [System.Collections.Generic.List[string]]::new()
            while ($null -eq $address) {
                $line = $reader.ReadLineAsync()
                if (-not $line.Wait([TimeSpan]::FromSeconds(90)) -or $null -eq $line.Result) { break }
                $seen.Add($line.Result)
                if ($line.Result -match 'http://127\.0\.0\.1:\d+') { $address = $Matches[0] }
            }
            $address | Should -Not -BeNullOrEmpty -Because "the emulator starts (output: $($seen -join ' | '); errors: $(if ($child.Process.HasExited) { $child.Errors.Result }))"
            $answer = Invoke-WebRequest -Uri "$address/scim/v2/Users?filter=userName%20eq%20%22nobody%22" -Headers @{ Authorization = "Bearer $token" } -SkipHttpErrorCheck
            $answer.StatusCode | Should -Be 200 -Because 'the emulator took the token from the comma list'
        }
        finally {
            if (-not $child.Process.HasExited) { $child.Process.Kill($true) }
            $null = $child.Process.WaitForExit(10000)
            $child.Process.Dispose()
        }
    }
}

Describe 'build.ps1 -Task Bench -BenchScenario' {
    It 'reads -BenchScenario 9,10 under pwsh -File as two scenarios, not as the number 910' {
        # Out-of-range numbers make the benchmark script stop at once, naming what it was given.
        $child = Start-ChildPwsh -ArgumentList '-File', (Join-Path $repoRoot 'build.ps1'), '-Task', 'Bench', '-NoBuild', '-BenchScenario', '9,10'
        $run = Wait-ChildPwsh -Child $child -TimeoutSeconds 120
        $run.ExitCode | Should -Not -Be 0
        "$($run.Output) $($run.Errors)" | Should -Match 'got 9,10'
        "$($run.Output) $($run.Errors)" | Should -Not -Match 'got 910'
    }
}
