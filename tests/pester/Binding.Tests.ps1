# How piped objects bind: Get-ADUser-shaped objects, CSV column aliases, precedence between candidates,
# CSV booleans and -RichInfoProperty. Each Describe runs against its own local emulator.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-WireScimTestModule
}

Describe 'Objects shaped like Get-ADUser output' {
    BeforeAll {
        # SAML mode: externalId is the NameID (the UPN), users are created Active, and 'active' is visible.
        $token = 'pester-ad'
        $emulator = Start-TestEmulator -Token $token -ArgumentList '--idp', '5d2f8e61-0a4b-4c3d-9e8f-7a6b5c4d3e2f'
        Connect-TestEmulator -Emulator $emulator -Token $token
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'refuses a user without DisplayName and says to use -Properties' {
        $adUser = New-ADShapedUser -SamAccountName 'nprops' -GivenName 'No' -Surname 'Props'
        $ev = $null
        $out = @($adUser | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 0
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.ADPropertyMissing*'
        $ev[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidArgument)
        $ev[0].Exception.Message | Should -BeLike '*-Properties*'
        $ev[0].Exception.Message | Should -BeLike 'Row 1*'
        [object]::ReferenceEquals($ev[0].TargetObject, $adUser) | Should -BeTrue
        Get-EmulatorUser -Emulator $emulator -UserName 'nprops' | Should -BeNullOrEmpty
    }

    It 'creates a user fetched with -Properties DisplayName,mail' {
        $adUser = New-ADShapedUser -SamAccountName 'KMueller' -GivenName 'Karl' -Surname 'Mueller' -WithProperties -DisplayName 'Karl Müller' -Mail 'karl.mueller@mail.example.com'
        $ev = $null
        $created = @($adUser | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($ev).Count | Should -Be 0
        $created.Count | Should -Be 1
        $user = Get-WireScimUser -UserName kmueller
        $user.ExternalId | Should -Be 'KMueller@example.com' -Because 'externalId comes from UserPrincipalName'
        $user.Email | Should -Be 'karl.mueller@mail.example.com' -Because 'the e-mail comes from mail'
        $user.DisplayName | Should -Be 'Karl Müller' -Because 'the display name is DisplayName, not the CN in Name'
        (Get-EmulatorUser -Emulator $emulator -UserName kmueller).emails[0].value | Should -Be 'karl.mueller@mail.example.com'
    }

    It 'creates a whole OU piped at once' {
        $ou = @(
            New-ADShapedUser -SamAccountName 'ou.one' -GivenName 'Ou' -Surname 'One' -WithProperties
            New-ADShapedUser -SamAccountName 'ou.two' -GivenName 'Ou' -Surname 'Two' -WithProperties
            New-ADShapedUser -SamAccountName 'ou.three' -GivenName 'Ou' -Surname 'Three' -WithProperties
        )
        $created = @($ou | New-WireScimUser)
        $created.UserName | Sort-Object | Should -Be @('ou.one', 'ou.three', 'ou.two')
        (Get-WireScimUser -UserName ou.two).Email | Should -Be 'ou.two@example.com'
    }

    It 'binds Enabled = $true to an active user' {
        $adUser = New-ADShapedUser -SamAccountName 'enabled.user' -GivenName 'Enabled' -Surname 'User' -Enabled $true -WithProperties
        $null = $adUser | New-WireScimUser
        (Get-WireScimUser -UserName enabled.user).Active | Should -BeTrue
    }

    It 'binds Enabled = $false to an inactive user' {
        $adUser = New-ADShapedUser -SamAccountName 'disabled.user' -GivenName 'Disabled' -Surname 'User' -Enabled $false -WithProperties
        $ev = $null
        $null = $adUser | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue
        @($ev).Count | Should -Be 0
        (Get-WireScimUser -UserName disabled.user).Active | Should -BeFalse -Because 'the AD account is disabled'
    }

    It 'rejects an Enabled value that is not a boolean' {
        $adUser = New-ADShapedUser -SamAccountName 'odd.user' -GivenName 'Odd' -Surname 'User' -WithProperties
        $adUser.Enabled = 'perhaps'
        $ev = $null
        $null = $adUser | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue
        @($ev).Count | Should -Be 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.InvalidActive*'
        $ev[0].Exception.Message | Should -BeLike "*'perhaps'*"
    }
}

Describe 'Binding precedence and CSV columns' {
    BeforeAll {
        $token = 'pester-binding'
        $emulator = Start-TestEmulator -Token $token -ArgumentList '--idp', '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e'
        Connect-TestEmulator -Emulator $emulator -Token $token
    }
    AfterAll {
        Disconnect-WireScim
        Stop-TestEmulator $emulator
    }

    It 'uses ExternalId over UserPrincipalName' {
        $object = [pscustomobject]@{
            UserName = 'prec.ext'; DisplayName = 'Prec Ext'
            UserPrincipalName = 'prec.ext@corp.example.com'; ExternalId = 'nameid-prec-ext'
        }
        $created = $object | New-WireScimUser
        $created.ExternalId | Should -Be 'nameid-prec-ext'
        (Get-EmulatorUser -Emulator $emulator -UserName prec.ext).externalId | Should -Be 'nameid-prec-ext'
    }

    It 'uses UserName over SamAccountName' {
        $object = [pscustomobject]@{
            SamAccountName = 'sam.name'; UserName = 'user.name'; DisplayName = 'Prec Name'; ExternalId = 'prec.name@example.com'
        }
        $created = $object | New-WireScimUser
        $created.UserName | Should -Be 'user.name'
        Get-EmulatorUser -Emulator $emulator -UserName sam.name | Should -BeNullOrEmpty
    }

    It 'binds the column aliases Handle, NameId, EmailAddress, Language and Roles' {
        $path = New-TestCsv -Name 'aliases.csv' -Line @(
            'Handle,DisplayName,NameId,EmailAddress,Language,Roles'
            'Alias.User,Alias User,alias-nameid-1,alias.user@example.com,fr,admin'
        )
        $null = Import-Csv $path | New-WireScimUser
        $user = Get-WireScimUser -UserName alias.user
        $user.ExternalId | Should -Be 'alias-nameid-1'
        $user.Email | Should -Be 'alias.user@example.com'
        $user.PreferredLanguage | Should -Be 'fr'
        $user.Role | Should -Be 'admin'
    }

    It 'accepts the CSV booleans TRUE, false, 1, 0, yes and no' {
        $path = New-TestCsv -Name 'booleans-check.csv' -Line @(
            'UserName,DisplayName,ExternalId,Active'
            'b1,B One,b1@example.com,TRUE'
            'b2,B Two,b2@example.com,false'
            'b3,B Three,b3@example.com,1'
            'b4,B Four,b4@example.com,0'
            'b5,B Five,b5@example.com,yes'
            'b6,B Six,b6@example.com,no'
        )
        $results = @(Import-Csv $path | Test-WireScimUser)
        $results.Count | Should -Be 6
        $results | Where-Object { -not $_.IsValid } | ForEach-Object { "$_" } | Should -BeNullOrEmpty
    }

    It 'creates users active or inactive as the CSV says' {
        $path = New-TestCsv -Name 'booleans.csv' -Line @(
            'UserName,DisplayName,ExternalId,Active'
            'bool.true,Bool True,bool.true@example.com,TRUE'
            'bool.false,Bool False,bool.false@example.com,false'
            'bool.one,Bool One,bool.one@example.com,1'
            'bool.zero,Bool Zero,bool.zero@example.com,0'
            'bool.yes,Bool Yes,bool.yes@example.com,yes'
            'bool.no,Bool No,bool.no@example.com,no'
        )
        $ev = $null
        $null = Import-Csv $path | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue
        @($ev).Count | Should -Be 0
        $expected = [ordered]@{ 'bool.true' = $true; 'bool.false' = $false; 'bool.one' = $true; 'bool.zero' = $false; 'bool.yes' = $true; 'bool.no' = $false }
        $actual = [ordered]@{}
        foreach ($name in $expected.Keys) { $actual[$name] = (Get-WireScimUser -UserName $name).Active }
        ($actual.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ', ' |
            Should -Be (($expected.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" }) -join ', ')
    }

    It 'treats an empty Active cell as not given' {
        $path = New-TestCsv -Name 'empty-active.csv' -Line @(
            'UserName,DisplayName,ExternalId,Active'
            'blank.active,Blank Active,blank.active@example.com,'
        )
        $ev = $null
        $created = @(Import-Csv $path | New-WireScimUser -ErrorVariable ev -ErrorAction SilentlyContinue)
        @($ev | ForEach-Object { "$_" }) | Should -BeNullOrEmpty
        $created.Count | Should -Be 1
        (Get-WireScimUser -UserName blank.active).Active | Should -BeTrue
    }

    It 'copies the columns named by -RichInfoProperty into rich info, and only those' {
        $path = New-TestCsv -Name 'richinfo.csv' -Line @(
            'UserName,DisplayName,ExternalId,Department,Title,Office'
            'rich.one,Rich One,rich.one@example.com,Sales,Account Manager,Berlin'
            'rich.two,Rich Two,rich.two@example.com,Support,Engineer,Lisbon'
        )
        $null = Import-Csv $path | New-WireScimUser -RichInfoProperty Department, Title
        $one = Get-WireScimUser -UserName rich.one
        $one.RichInfo['Department'] | Should -Be 'Sales'
        $one.RichInfo['Title'] | Should -Be 'Account Manager'
        $one.RichInfo.Contains('Office') | Should -BeFalse
        $one.RichInfo.Count | Should -Be 2
        (Get-WireScimUser -UserName rich.two).RichInfo['Title'] | Should -Be 'Engineer'
        (Get-EmulatorUser -Emulator $emulator -UserName rich.two).'urn:ietf:params:scim:schemas:extension:wire:1.0:User'.Department | Should -Be 'Support'
    }

    It 'reports a -RichInfoProperty column the CSV does not have, per row, and sends nothing' {
        $path = New-TestCsv -Name 'richinfo-missing.csv' -Line @(
            'UserName,DisplayName,ExternalId,Department'
            'miss.one,Miss One,miss.one@example.com,Sales'
            'miss.two,Miss Two,miss.two@example.com,Support'
        )
        $writes = Get-EmulatorWrites -Emulator $emulator
        $ev = $null
        $created = @(Import-Csv $path | New-WireScimUser -RichInfoProperty Department, CostCenter -ErrorVariable ev -ErrorAction SilentlyContinue)
        $created.Count | Should -Be 0
        @($ev).Count | Should -Be 2
        foreach ($row in 1, 2) {
            $mine = Get-ErrorFor -ErrorRecord $ev -Row $row
            $mine.Count | Should -Be 1
            $mine[0].FullyQualifiedErrorId | Should -BeLike 'WireScim.MissingRichInfoProperty*'
            $mine[0].Exception.Message | Should -BeLike "*'CostCenter'*"
        }
        Get-EmulatorWrites -Emulator $emulator | Should -Be $writes
    }
}
