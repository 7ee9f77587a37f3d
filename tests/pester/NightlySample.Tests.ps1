# module/samples/nightly-sync.ps1 run the way Task Scheduler or cron runs it: pwsh -File in a child process, with
# comma lists as typed, the running account's data folder, a revoked token, and two runs in the same second.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
    $repoRoot = Split-Path (Split-Path $PSScriptRoot)
    $sample = Join-Path $repoRoot 'module/samples/nightly-sync.ps1'
    $token = 'pester-nightly-sample'
    $emulator = Start-TestEmulator -Token $token
    $tokenPath = Join-Path $TestDrive 'token.xml'
    ConvertTo-TestSecret $token | Export-Clixml -LiteralPath $tokenPath

    function New-StaffFile([string] $Name, [int[]] $Number, [string] $Delimiter = ',') {
        $header = 'UserName', 'DisplayName', 'ExternalId', 'Department', 'Title'
        $lines = @($header -join $Delimiter) + @(foreach ($n in $Number) {
            ("n{0:000}" -f $n), "Night Staff $n", ("n{0:000}@example.com" -f $n), "Dept $n", "Title $n" -join $Delimiter
        })
        New-TestCsv -Name $Name -Line $lines
    }

    # pwsh -File <sample> <arguments>, with the child's data folder in $TestDrive so its defaults can be checked.
    function Invoke-Nightly([string[]] $Argument, [string] $DataHome, [string] $Uri = $emulator.ScimUri) {
        $environment = @{ XDG_DATA_HOME = $DataHome; LOCALAPPDATA = $DataHome }
        $child = Start-ChildPwsh -Environment $environment -ArgumentList (@('-File', $sample, '-ModulePath', $env:WIRESCIM_MODULE, '-Uri', $Uri) + $Argument)
        Wait-ChildPwsh -Child $child -TimeoutSeconds 120
    }
}

AfterAll {
    Stop-TestEmulator $emulator
}

Describe 'nightly-sync.ps1 under pwsh -File' {
    It 'takes -RichInfoProperty Department,Title as written and stores both fields' {
        $data = Join-Path $TestDrive 'data-richinfo'
        $csv = New-StaffFile 'richinfo.csv' 1, 2
        $run = Invoke-Nightly -DataHome $data -Argument '-TokenPath', $tokenPath, '-CsvPath', $csv, '-RichInfoProperty', 'Department,Title'
        $run.ExitCode | Should -Be 0 -Because "stdout: $($run.Output) stderr: $($run.Errors)"
        $stored = Get-EmulatorUser -Emulator $emulator -UserName n001
        $json = $stored | ConvertTo-Json -Depth 10
        $json | Should -Match 'Dept 1'
        $json | Should -Match 'Title 1'
    }

    It 'keeps state and reports in the running account''s data folder, not beside the script' {
        $data = Join-Path $TestDrive 'data-defaults'
        $before = @(Get-ChildItem -LiteralPath (Split-Path $sample) -Filter 'wirescim-*')
        $run = Invoke-Nightly -DataHome $data -Argument '-TokenPath', $tokenPath, '-CsvPath', (New-StaffFile 'defaults.csv' 3)
        $run.ExitCode | Should -Be 0 -Because "stdout: $($run.Output) stderr: $($run.Errors)"
        Join-Path $data 'WireScim/state.json' | Should -Exist
        $reports = @(Get-ChildItem -LiteralPath (Join-Path $data 'WireScim/reports') -Filter 'wirescim-report-*.csv')
        $reports | Should -HaveCount 1
        @(Import-Csv $reports[0].FullName).UserName | Should -Be 'n003'
        @(Get-ChildItem -LiteralPath (Split-Path $sample) -Filter 'wirescim-*').Count | Should -Be $before.Count
    }

    It 'exits 2 when Wire cannot be reached, at once and with one report row that says so' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $reports = Join-Path $TestDrive 'reports-unreachable'
        $run = Invoke-Nightly -Uri "http://127.0.0.1:$port/scim/v2" -DataHome (Join-Path $TestDrive 'data-unreachable') `
            -Argument '-TokenPath', $tokenPath, '-CsvPath', (New-StaffFile 'unreachable.csv' (1..200)), '-ReportDirectory', $reports
        $run.ExitCode | Should -Be 2 -Because "stdout: $($run.Output) stderr: $($run.Errors)"
        $rows = @(Import-Csv (Get-ChildItem -LiteralPath $reports -Filter 'wirescim-report-*.csv')[0].FullName)
        $rows.ErrorId | Should -Be 'WireScim.Unreachable'
        "$($run.Errors)" | Should -Match "127.0.0.1:$port"
    }

    It 'exits 3 on a rejected token and still writes a report that says so' {
        $wrongToken = Join-Path $TestDrive 'wrong-token.xml'
        ConvertTo-TestSecret 'revoked-token' | Export-Clixml -LiteralPath $wrongToken
        $reports = Join-Path $TestDrive 'reports-401'
        $run = Invoke-Nightly -DataHome (Join-Path $TestDrive 'data-401') -Argument '-TokenPath', $wrongToken, '-CsvPath', (New-StaffFile 'rejected.csv' 4), '-ReportDirectory', $reports
        $run.ExitCode | Should -Be 3 -Because "stdout: $($run.Output) stderr: $($run.Errors)"
        $report = @(Get-ChildItem -LiteralPath $reports -Filter 'wirescim-report-*.csv')
        $report | Should -HaveCount 1
        $rows = @(Import-Csv $report[0].FullName)
        $rows.ErrorId | Should -Contain 'WireScim.TokenRejected'
        $rows.Error -join ' ' | Should -Not -Match ([regex]::Escape('revoked-token'))
        Get-EmulatorUser -Emulator $emulator -UserName n004 | Should -BeNullOrEmpty
    }

    It 'gives a run whose report name is taken a report of its own' {
        # Reports named for every second of the next two minutes already exist, as after another run in the same second.
        $reports = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'reports-same-second')
        $now = Get-Date
        $taken = foreach ($second in 0..120) {
            $path = Join-Path $reports ('wirescim-report-{0:yyyy-MM-dd-HHmmss}.csv' -f $now.AddSeconds($second))
            Set-Content -LiteralPath $path -Value 'earlier run'
            $path
        }
        $run = Invoke-Nightly -DataHome (Join-Path $TestDrive 'data-same') -Argument '-TokenPath', $tokenPath, '-CsvPath', (New-StaffFile 'same.csv' 5), '-ReportDirectory', $reports
        $run.ExitCode | Should -Be 0 -Because "stdout: $($run.Output) stderr: $($run.Errors)"
        foreach ($path in $taken) { Get-Content -LiteralPath $path | Should -Be 'earlier run' }
        $new = @(Get-ChildItem -LiteralPath $reports -Filter 'wirescim-report-*-2.csv')
        $new | Should -HaveCount 1
        @(Import-Csv $new[0].FullName).UserName | Should -Be 'n005'
    }
}
