# Real HR exports piped as they come: headers that bind to no parameter ("First Name", "Email", "Employee ID") and
# files separated by ';'. One error for the whole input, naming the columns seen and the way to map them, and the
# advice it gives works when typed.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
    $token = 'hr-export-token'
    $emulator = Start-TestEmulator -Token $token -ArgumentList '--idp', '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7'
    Connect-TestEmulator -Emulator $emulator -Token $token

    $rows = foreach ($n in 1..54) { '"Staff{0}","Member{0}","staff{0}.member{0}@example.com","E{0:0000}","Dept {0}"' -f $n }
    $hrExport = New-TestCsv -Name 'hr-export.csv' -Line (@('"First Name","Last Name","Email","Employee ID","Department"') + $rows)
    $semicolons = New-TestCsv -Name 'excel-export.csv' -Line @(
        'UserName;DisplayName;ExternalId'
        'semi.one;Semi One;semi.one@example.com'
        'semi.two;Semi Two;semi.two@example.com'
    )

}

AfterAll {
    Disconnect-WireScim
    Stop-TestEmulator $emulator
}

Describe 'An HR export whose columns bind to nothing' {
    It '<_> says so once, with the columns seen, and sends nothing' -ForEach 'New-WireScimUser', 'Sync-WireScimUser', 'Test-WireScimUser' {
        $command = $_
        $extra = if ($command -eq 'Sync-WireScimUser') { @{ StatePath = (Join-Path $TestDrive 'hr-state.json') } } else { @{} }
        Reset-WireScimEmulatorStats -Emulator $emulator
        $records = @()
        try {
            $null = Import-Csv $hrExport | & $command @extra -ErrorVariable perRow -ErrorAction SilentlyContinue
        }
        catch { $records += $_ }
        $records | Should -HaveCount 1
        # -ErrorVariable holds that one error too, and nothing for the 54 rows.
        @($perRow | Where-Object { "$_" -notlike '*No column of the input names a Wire user*' }) | Should -HaveCount 0
        $records[0].FullyQualifiedErrorId | Should -Match '^WireScim.NoColumnBinds'
        $message = $records[0].Exception.Message
        foreach ($column in 'First Name', 'Last Name', 'Email', 'Employee ID', 'Department') { $message | Should -Match ([regex]::Escape("'$column'")) }
        $message | Should -Match 'UserName'
        $message | Should -Match 'Select-Object @\{'
        Get-EmulatorWrites -Emulator $emulator | Should -Be 0
        @(Get-EmulatorUser -Emulator $emulator).Count | Should -Be 0
    }

    It 'gives a Select-Object that, typed as shown, creates the users' {
        $record = Get-TerminatingError { Import-Csv $hrExport | New-WireScimUser }
        $record.Exception.Message -match 'for example: (Import-Csv <file> \| .+ \| New-WireScimUser)\.' | Should -BeTrue
        $advice = $Matches[1].Replace('<file>', "'$hrExport'")
        $null = & ([scriptblock]::Create($advice))
        $users = @(Get-EmulatorUser -Emulator $emulator)
        $users.Count | Should -Be 54
        ($users | Where-Object externalId -EQ 'staff7.member7@example.com').userName | Should -Be 'staff7.member7'
        ($users | Where-Object externalId -EQ 'staff7.member7@example.com').displayName | Should -Be 'Staff7 Member7'
    }
}

Describe 'A file separated by semicolons' {
    It 'names -Delimiter '';'' once, and with it the rows go through' {
        $record = Get-TerminatingError { Import-Csv $semicolons | New-WireScimUser }
        $record.FullyQualifiedErrorId | Should -Match '^WireScim.SemicolonSeparatedFile'
        $record.Exception.Message | Should -Match ([regex]::Escape("-Delimiter ';'"))
        Get-EmulatorUser -Emulator $emulator -UserName semi.one | Should -BeNullOrEmpty

        $created = @(Import-Csv $semicolons -Delimiter ';' | New-WireScimUser)
        $created.UserName | Sort-Object | Should -Be 'semi.one', 'semi.two'
        Get-EmulatorUser -Emulator $emulator -UserName semi.two | Should -Not -BeNullOrEmpty
    }
}
